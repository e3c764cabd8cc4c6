/*
 * Nothing but the shortest windows the validator accepts (issue 15): five partitions, ten 10 us
 * windows in a 100 us frame. Every partition is loaded, page by page, inside its own 10 us
 * windows; short_cold faults twice and is reloaded in them too.
 */
#include <core/deployment.h>

#define SHORT(n, base_mib) \
	{ .name = n, .image = n, .memory_base = MIB(base_mib), .memory_size = KIB(64), \
	  .vcpu_count = 1 }

const struct deployment deployment = {
	.name = "short_windows",
	.partitions = {
		SHORT("short_0", 16),
		SHORT("short_1", 17),
		SHORT("short_2", 18),
		SHORT("short_3", 19),
		{ .name = "short_cold", .image = "short_cold", .memory_base = MIB(20),
		  .memory_size = KIB(64), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_PAGE_FAULT] = HM_ACTION_COLD_RESTART } },
	},
	.major_frame_ns = US(100),
	.windows = {
		{ .partition = "short_0", .offset_ns = US(0), .duration_ns = US(10) },
		{ .partition = "short_1", .offset_ns = US(10), .duration_ns = US(10) },
		{ .partition = "short_2", .offset_ns = US(20), .duration_ns = US(10) },
		{ .partition = "short_3", .offset_ns = US(30), .duration_ns = US(10) },
		{ .partition = "short_cold", .offset_ns = US(40), .duration_ns = US(10) },
		{ .partition = "short_0", .offset_ns = US(50), .duration_ns = US(10) },
		{ .partition = "short_1", .offset_ns = US(60), .duration_ns = US(10) },
		{ .partition = "short_2", .offset_ns = US(70), .duration_ns = US(10) },
		{ .partition = "short_3", .offset_ns = US(80), .duration_ns = US(10) },
		{ .partition = "short_cold", .offset_ns = US(90), .duration_ns = US(10) },
	},
	.run_frames = 40,
};
