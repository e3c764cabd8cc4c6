/*
 * Two partitions whose console lines outlast their windows on a 115200-baud port (boot with
 * uart_model=115200, test_console.py): each 2 ms window carries 23 characters, and no idle time
 * carries any. Whoever's line is cut by its window's end finishes it in its next window; the
 * other, held off meanwhile, has the next turn: neither holds the port in every window.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "console_turns",
	.partitions = {
		{ .name = "flood", .image = "console_flood", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "clock", .image = "window_clock", .memory_base = MIB(20),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(4),
	.windows = {
		{ .partition = "flood", .offset_ns = 0, .duration_ns = MS(2) },
		{ .partition = "clock", .offset_ns = MS(2), .duration_ns = MS(2) },
	},
	.run_frames = 150,
};
