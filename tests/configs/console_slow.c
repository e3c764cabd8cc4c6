/*
 * A partition printing flat out between two that print their window starts, for the console on a
 * real 115200-baud port (boot with uart_model=115200): the flood's lines wait in its buffer and go
 * out in its own window and in idle time, never in the others' windows.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "console_slow",
	.partitions = {
		{ .name = "flood", .image = "console_flood", .memory_base = MIB(16),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "clock_a", .image = "window_clock", .memory_base = MIB(20),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "clock_b", .image = "window_clock", .memory_base = MIB(24),
		  .memory_size = KIB(128), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(20),
	.windows = {
		{ .partition = "flood", .offset_ns = 0, .duration_ns = MS(3) },
		{ .partition = "clock_a", .offset_ns = MS(3), .duration_ns = MS(1) },
		{ .partition = "clock_b", .offset_ns = MS(4), .duration_ns = MS(1) },
	},
	.run_frames = 14,     /* the flood needs about 12 of them: 2 to spare */
};
