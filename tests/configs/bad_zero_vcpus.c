/* Refused by the build: a partition with no vcpu to run. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_zero_vcpus",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 0 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(5) },
	},
};
