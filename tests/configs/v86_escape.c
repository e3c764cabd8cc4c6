/* A partition escaping to virtual-8086 mode through QEMU's iret (tests/partitions/v86_escape),
 * warm-restarted on each fault, beside the sensor, whose windows must stay on time. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "v86_escape",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "v86_escape", .image = "v86_escape", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 1,
		  .hm_actions = { [0 ... HM_EVENT_COUNT - 1] = HM_ACTION_WARM_RESTART },
		  .restart_limit = 10000 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = US(200) },
		{ .partition = "v86_escape", .offset_ns = US(300), .duration_ns = US(500) },
	},
	.run_frames = 100,
};
