/* Refused by the build: the second window starts before the first one ends. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_overlapping_windows",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "logger", .image = "logger", .memory_base = MIB(17), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(5) },
		{ .partition = "logger", .offset_ns = MS(4), .duration_ns = MS(4) },
	},
};
