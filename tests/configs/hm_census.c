/*
 * One partition floods the health-monitor log (300 application errors, action log), another has
 * two records in it from before, a system partition counts whose records the log holds
 * (test_health.py): the flood replaces its own records, not the others'.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "hm_census",
	.partitions = {
		{ .name = "hm_log", .image = "hm_log", .memory_base = MIB(16),
		  .memory_size = KIB(128), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_LOG,
				  [HM_EVENT_DIVIDE_ERROR] = HM_ACTION_LOG } },
		{ .name = "hm_flood", .image = "hm_flood", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1, .hm_quiet = true,
		  .hm_actions = { [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_LOG } },
		{ .name = "hm_census", .image = "hm_census", .memory_base = MIB(18),
		  .memory_size = KIB(128), .vcpu_count = 1, .system = true },
	},
	.major_frame_ns = MS(4),
	.windows = {
		{ .partition = "hm_log", .offset_ns = 0, .duration_ns = MS(1) },
		{ .partition = "hm_flood", .offset_ns = MS(1), .duration_ns = MS(1) },
		{ .partition = "hm_census", .offset_ns = MS(2), .duration_ns = MS(1) },
	},
	.run_frames = 30,
};
