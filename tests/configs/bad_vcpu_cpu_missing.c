/* Refused by the build: control has windows on CPU 0 and CPU 1, and its vcpus do not say which
 * CPU each runs on (vcpu_cpu). */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_vcpu_cpu_missing",
	.cpus = 2,
	.partitions = {
		{ .name = "control", .image = "control", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 2, .priority = { 1, 1 },
		  .quantum_ns = US(500) },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "control", .offset_ns = 0, .duration_ns = MS(4), .cpu = 0 },
		{ .partition = "control", .offset_ns = 0, .duration_ns = MS(4), .cpu = 1 },
	},
};
