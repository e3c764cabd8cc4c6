/* Refused by the build: on CPU 1 logger's second window starts before its first one ends. Sensor's
 * window on CPU 0 at the same time, and the CPUs interleaved in the list, are fine. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_windows_overlap_on_cpu",
	.cpus = 2,
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "logger", .image = "logger", .memory_base = MIB(17), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "logger", .offset_ns = 0, .duration_ns = MS(5), .cpu = 1 },
		{ .partition = "sensor", .offset_ns = MS(1), .duration_ns = MS(3), .cpu = 0 },
		{ .partition = "logger", .offset_ns = MS(4), .duration_ns = MS(2), .cpu = 1 },
	},
};
