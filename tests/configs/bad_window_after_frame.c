/* Refused by the build: the second window starts after the 10 ms major frame has ended. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_window_after_frame",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "logger", .image = "logger", .memory_base = MIB(17), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
		{ .partition = "logger", .offset_ns = MS(12), .duration_ns = MS(4) },
	},
};
