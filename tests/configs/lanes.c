/* Redundant lanes: one image, "lane", backs two partitions, each with its own memory. Lane 1
 * faults and is restarted cold (twice, then stopped); lane 0 must not notice. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "lanes",
	.partitions = {
		{ .name = "lane_a", .image = "lane", .memory_base = MIB(16), .memory_size = KIB(128),
		  .vcpu_count = 1 },
		{ .name = "lane_b", .image = "lane", .memory_base = MIB(20), .memory_size = KIB(128),
		  .vcpu_count = 1, .hm_actions = { [HM_EVENT_PAGE_FAULT] = HM_ACTION_COLD_RESTART },
		  .restart_limit = 2, .restart_span_ns = MS(1000) },
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "lane_a", .offset_ns = 0, .duration_ns = MS(1) },
		{ .partition = "lane_b", .offset_ns = MS(1), .duration_ns = MS(1) },
	},
	.run_frames = 12,
};
