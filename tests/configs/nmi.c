/*
 * Non-maskable interrupts injected from QEMU's monitor while the kernel runs (test_health.py):
 * they land in a partition spinning in ring 3, in the kernel, or in the idle gap, and must cost
 * no partition anything; clock's windows stay on time.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "nmi",
	.partitions = {
		{ .name = "spin", .image = "spinner", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "clock", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(4),
	.windows = {
		{ .partition = "spin", .offset_ns = 0, .duration_ns = MS(2) },
		{ .partition = "clock", .offset_ns = MS(2), .duration_ns = MS(1) },
	},
	.run_frames = 500,
};
