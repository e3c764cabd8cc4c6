/* Refused by the build: a priority for a second vcpu the partition does not have. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_priority_beyond_vcpus",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1, .priority = { 2, 1 } },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
	},
};
