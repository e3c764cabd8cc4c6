/*
 * Accepted by the build: two CPUs whose windows overlap in time. Sensor on CPU 0 and logger on
 * CPU 1 run at once (their CPUs derived from their windows); control has a window on each CPU at
 * the same time, its vcpu 0 bound to CPU 0 and vcpu 1 to CPU 1, so both run in parallel. The list
 * interleaves the CPUs; each CPU's windows are in time order.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "two_cpu_windows",
	.cpus = 2,
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "control", .image = "control", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 2, .priority = { 1, 1 },
		  .quantum_ns = US(500), .vcpu_cpu = { CPU(0), CPU(1) } },
		{ .name = "logger", .image = "logger", .memory_base = MIB(18), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(2), .cpu = 0 },
		{ .partition = "logger", .offset_ns = 0, .duration_ns = MS(3), .cpu = 1 },
		{ .partition = "control", .offset_ns = US(2500), .duration_ns = MS(4), .cpu = 0 },
		{ .partition = "control", .offset_ns = US(3500), .duration_ns = MS(4), .cpu = 1 },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(15), .source = "sensor", .destinations = { "control" } },
		{ .name = "commands", .kind = CHANNEL_QUEUING, .max_message = 64, .depth = 8,
		  .source = "control", .destinations = { "logger" } },
	},
	.run_frames = 20,
};
