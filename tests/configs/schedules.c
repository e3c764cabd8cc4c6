/* Several schedules (docs/schedules.md): a system partition switches between "ground" and
 * "flight" 1,000 times, after checking a mid-frame request and the refusals; "cruise" has another
 * frame again. "plain" (no system partition) runs in "ground" only. */
#include <core/deployment.h>

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(256)

const struct deployment deployment = {
	.name = "schedules",
	.partitions = {
		{ .name = "switcher", .image = "sched_switch", MEMORY(0), .vcpu_count = 1,
		  .system = true },
		{ .name = "wa", .image = "window_clock", MEMORY(1), .vcpu_count = 1 },
		{ .name = "wb", .image = "window_clock", MEMORY(2), .vcpu_count = 1 },
		{ .name = "plain", .image = "sched_plain", MEMORY(3), .vcpu_count = 1 },
	},
	.schedules = {
		{ .name = "ground", .major_frame_ns = MS(1), .windows = {
			{ .partition = "switcher", .offset_ns = 0, .duration_ns = US(150) },
			{ .partition = "wa", .offset_ns = US(200), .duration_ns = US(200) },
			{ .partition = "wb", .offset_ns = US(450), .duration_ns = US(200) },
			{ .partition = "plain", .offset_ns = US(700), .duration_ns = US(150) },
		} },
		{ .name = "flight", .major_frame_ns = US(1500), .windows = {
			{ .partition = "wa", .offset_ns = 0, .duration_ns = US(200) },
			{ .partition = "switcher", .offset_ns = US(300), .duration_ns = US(150) },
			{ .partition = "wb", .offset_ns = US(500), .duration_ns = US(200) },
			{ .partition = "wa", .offset_ns = US(800), .duration_ns = US(200) },
		} },
		{ .name = "cruise", .major_frame_ns = MS(2), .windows = {
			{ .partition = "wb", .offset_ns = 0, .duration_ns = US(300) },
			{ .partition = "switcher", .offset_ns = US(400), .duration_ns = US(200) },
			{ .partition = "wa", .offset_ns = US(700), .duration_ns = US(200) },
		} },
	},
	.run_frames = 1006,
};
