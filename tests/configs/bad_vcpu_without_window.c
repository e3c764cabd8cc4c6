/* Refused by the build: control's vcpu 1 is bound to CPU 1, where control has no window. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_vcpu_without_window",
	.cpus = 2,
	.partitions = {
		{ .name = "control", .image = "control", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 2, .priority = { 1, 1 },
		  .quantum_ns = US(500), .vcpu_cpu = { CPU(0), CPU(1) } },
		{ .name = "logger", .image = "logger", .memory_base = MIB(17), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "control", .offset_ns = 0, .duration_ns = MS(4), .cpu = 0 },
		{ .partition = "logger", .offset_ns = MS(5), .duration_ns = MS(2), .cpu = 1 },
	},
};
