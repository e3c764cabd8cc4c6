/* Refused by the build: more CPUs than the kernel starts (CONFIG_MAX_CPUS, 8). */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_cpus_nine",
	.cpus = 9,
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(5) },
	},
};
