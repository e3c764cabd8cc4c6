/* Refused by the build: a stack size that is not a page multiple. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_stack_size",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .stack_size = 10000, .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
	},
};
