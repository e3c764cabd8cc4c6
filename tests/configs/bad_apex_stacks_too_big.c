/* The APEX stacks above the image pass vcpu 0's stack guard page: refused once the image is built. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_apex_stacks_too_big",
	.partitions = {
		{ .name = "apex", .image = "apex_big", .memory_base = MIB(16),
		  .memory_size = KIB(128), .vcpu_count = 1,
		  .apex = { .processes = 4, .stack_bytes = KIB(64) } },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "apex", .offset_ns = 0, .duration_ns = US(500) },
	},
};
