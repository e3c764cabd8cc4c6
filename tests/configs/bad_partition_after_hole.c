/* Refused by the build: the second partition has no name, which would end the list there and
 * leave the third out. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_partition_after_hole",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ 0 },
		{ .name = "logger", .image = "logger", .memory_base = MIB(18), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
		{ .partition = "logger", .offset_ns = MS(5), .duration_ns = MS(4) },
	},
};
