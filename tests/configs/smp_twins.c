/*
 * One partition, two vcpus in parallel: vcpu 0 on CPU 0, vcpu 1 on CPU 1, windows on both CPUs
 * that overlap from 0.5 to 2 ms of each frame (tests/partitions/smp_twins). A window_clock on
 * each CPU outside them.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "smp_twins",
	.cpus = 2,
	.partitions = {
		{ .name = "twins", .image = "smp_twins", .memory_base = MIB(16),
		  .memory_size = KIB(128), .vcpu_count = 2, .quantum_ns = US(500),
		  .vcpu_cpu = { CPU(0), CPU(1) } },
		{ .name = "clock_0", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "clock_1", .image = "window_clock", .memory_base = MIB(18),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(3),
	.windows = {
		{ .partition = "twins", .offset_ns = 0, .duration_ns = MS(2), .cpu = 0 },
		{ .partition = "twins", .offset_ns = US(500), .duration_ns = MS(2), .cpu = 1 },
		{ .partition = "clock_1", .offset_ns = US(2600), .duration_ns = US(300), .cpu = 1 },
		{ .partition = "clock_0", .offset_ns = US(2200), .duration_ns = US(500), .cpu = 0 },
	},
	.run_frames = 6,
};
