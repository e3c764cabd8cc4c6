/* Refused by the build: the second partition's memory starts inside the first one's. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_overlapping_memory",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "logger", .image = "logger", .memory_base = MIB(16) + KIB(128),
		  .memory_size = KIB(256), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
		{ .partition = "logger", .offset_ns = MS(5), .duration_ns = MS(4) },
	},
};
