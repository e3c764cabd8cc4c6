/*
 * Two CPUs keeping their plans for 1,000 frames (tests/suites/test_smp.py): window_clock
 * partitions print every window start. clock_a on CPU 0 and clock_c on CPU 1 start at the same
 * instant; clock_b and clock_d start while the other CPU is inside a window; clock_e has a window
 * on each CPU and its vcpu 0 on CPU 1, so its "window N" counts CPU 1's windows only.
 */
#include <core/deployment.h>

#define CLOCK(who, n) { .name = who, .image = "window_clock", .memory_base = MIB(16 + (n)), \
			.memory_size = KIB(64), .vcpu_count = 1 }

const struct deployment deployment = {
	.name = "smp_clock2",
	.cpus = 2,
	.partitions = {
		CLOCK("clock_a", 0),
		CLOCK("clock_b", 1),
		CLOCK("clock_c", 2),
		CLOCK("clock_d", 3),
		{ .name = "clock_e", .image = "window_clock", .memory_base = MIB(20),
		  .memory_size = KIB(64), .vcpu_count = 2, .quantum_ns = US(100), .vcpu_cpu = { CPU(1), CPU(0) } },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "clock_a", .offset_ns = 0, .duration_ns = US(250), .cpu = 0 },
		{ .partition = "clock_c", .offset_ns = 0, .duration_ns = US(300), .cpu = 1 },
		{ .partition = "clock_e", .offset_ns = US(300), .duration_ns = US(150), .cpu = 0 },
		{ .partition = "clock_e", .offset_ns = US(350), .duration_ns = US(200), .cpu = 1 },
		{ .partition = "clock_b", .offset_ns = US(500), .duration_ns = US(300), .cpu = 0 },
		{ .partition = "clock_d", .offset_ns = US(650), .duration_ns = US(300), .cpu = 1 },
	},
	.run_frames = 1000,
};
