/* Information leaks: leak_probe checks every structure the kernel copies out to it, fed by the
 * sensor's samples and qsender's numbered messages. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "leaks",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "qsender", .image = "qsender", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 1 },
		{ .name = "leak_probe", .image = "leak_probe", .memory_base = MIB(18),
		  .memory_size = KIB(256), .vcpu_count = 1, .system = true,
		  .hm_actions = { [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_LOG } },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = US(100) },
		{ .partition = "qsender", .offset_ns = US(100), .duration_ns = US(100) },
		{ .partition = "leak_probe", .offset_ns = US(200), .duration_ns = US(700) },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(2), .source = "sensor", .destinations = { "leak_probe" } },
		{ .name = "stream", .kind = CHANNEL_QUEUING, .max_message = 16, .depth = 8,
		  .source = "qsender", .destinations = { "leak_probe" } },
	},
	.run_frames = 3,
};
