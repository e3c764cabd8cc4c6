/* Refused by the build: a window on CPU 2 of a deployment of two CPUs (0 and 1). */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_window_cpu_beyond",
	.cpus = 2,
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "logger", .image = "logger", .memory_base = MIB(17), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4), .cpu = 0 },
		{ .partition = "logger", .offset_ns = 0, .duration_ns = MS(4), .cpu = 2 },
	},
};
