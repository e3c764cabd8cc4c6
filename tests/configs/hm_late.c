/* A partition faulting in the last microseconds of each of its windows, just before the
 * sensor's; the health monitor prints every event. tests/configs/hm_late_busy.c builds the same
 * with no idle time. */
#include <core/deployment.h>

#ifndef HM_LATE_NAME
#define HM_LATE_NAME "hm_late"
#define SENSOR_WINDOW_NS US(100)       /* then idle to the end of the frame */
#define HM_LATE_FRAMES 60
#endif

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(256)

const struct deployment deployment = {
	.name = HM_LATE_NAME,
	.partitions = {
		{ .name = "hm_late", .image = "hm_late", MEMORY(0), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_INVALID_OPCODE] = HM_ACTION_WARM_RESTART },
		  .restart_limit = 0xffffffffu },
		{ .name = "sensor", .image = "sensor", MEMORY(1), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "hm_late", .offset_ns = 0, .duration_ns = US(100) },
		{ .partition = "sensor", .offset_ns = US(100), .duration_ns = SENSOR_WINDOW_NS },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(3), .source = "sensor", .destinations = { "hm_late" } },
	},
	.run_frames = HM_LATE_FRAMES,
};
