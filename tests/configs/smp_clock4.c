/*
 * Four CPUs keeping their plans for 1,000 frames (tests/suites/test_smp.py): window_clock
 * partitions print every window start. CPUs 0 and 1 start a window at the same instant, CPUs 2
 * and 3 20 and 40 us later, while the first two are inside theirs; later windows start while the
 * other CPUs are inside theirs; clock_span has a window on each of CPUs 2 and 3, its vcpu 0 on
 * CPU 3. (QEMU runs the CPUs one after another: four window starts at one instant are served in
 * turn, each CPU's burst of work making the next one's start later, about 4 us a CPU with these
 * partitions; two at once stay well within 10 us.)
 */
#include <core/deployment.h>

#define CLOCK(who, n) { .name = who, .image = "window_clock", .memory_base = MIB(16 + (n)), \
			.memory_size = KIB(64), .vcpu_count = 1 }

const struct deployment deployment = {
	.name = "smp_clock4",
	.cpus = 4,
	.partitions = {
		CLOCK("clock_0a", 0),
		CLOCK("clock_0b", 1),
		CLOCK("clock_1a", 2),
		CLOCK("clock_1b", 3),
		CLOCK("clock_2a", 4),
		CLOCK("clock_3a", 5),
		{ .name = "clock_span", .image = "window_clock", .memory_base = MIB(22),
		  .memory_size = KIB(64), .vcpu_count = 2, .quantum_ns = US(100), .vcpu_cpu = { CPU(3), CPU(2) } },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "clock_0a", .offset_ns = 0, .duration_ns = US(400), .cpu = 0 },
		{ .partition = "clock_1a", .offset_ns = 0, .duration_ns = US(300), .cpu = 1 },
		{ .partition = "clock_2a", .offset_ns = US(20), .duration_ns = US(200), .cpu = 2 },
		{ .partition = "clock_3a", .offset_ns = US(40), .duration_ns = US(250), .cpu = 3 },
		{ .partition = "clock_span", .offset_ns = US(300), .duration_ns = US(300), .cpu = 2 },
		{ .partition = "clock_span", .offset_ns = US(400), .duration_ns = US(300), .cpu = 3 },
		{ .partition = "clock_1b", .offset_ns = US(450), .duration_ns = US(400), .cpu = 1 },
		{ .partition = "clock_0b", .offset_ns = US(600), .duration_ns = US(300), .cpu = 0 },
	},
	.run_frames = 1000,
};
