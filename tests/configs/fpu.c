/* FPU isolation: two vcpus of one partition and a vcpu of another, all using x87 and SSE. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "fpu",
	.partitions = {
		{ .name = "fpu_pair", .image = "fpu_pair", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 2, .priority = { 1, 1 },
		  .quantum_ns = US(100) },
		{ .name = "fpu_single", .image = "fpu_single", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(4),
	.windows = {
		{ .partition = "fpu_pair", .offset_ns = 0, .duration_ns = MS(2) },
		{ .partition = "fpu_single", .offset_ns = MS(2), .duration_ns = MS(2) },
	},
	.run_frames = 25,
};
