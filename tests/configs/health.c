/* Health monitor: one partition per action, a restart loop, a log reader, and a witness whose
 * windows must stay on time throughout. */
#include <core/deployment.h>

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(256)

const struct deployment deployment = {
	.name = "health",
	.partitions = {
		{ .name = "sensor", .image = "sensor", MEMORY(0), .vcpu_count = 1 },
		{ .name = "hm_log", .image = "hm_log", MEMORY(1), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_LOG,
				  [HM_EVENT_DIVIDE_ERROR] = HM_ACTION_LOG } },
		{ .name = "hm_cold", .image = "hm_cold", MEMORY(2), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_PAGE_FAULT] = HM_ACTION_COLD_RESTART },
		  .restart_limit = 3, .restart_span_ns = MS(1000) },
		{ .name = "hm_warm", .image = "hm_warm", MEMORY(3), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_GENERAL_PROTECTION] = HM_ACTION_WARM_RESTART },
		  .restart_limit = 50, .restart_span_ns = MS(1000) },
		{ .name = "hm_stop", .image = "hm_stop", MEMORY(4), .vcpu_count = 1 },
		{ .name = "hm_shutdown", .image = "hm_shutdown", MEMORY(5), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_SHUTDOWN } },
		{ .name = "hm_reader", .image = "hm_reader", MEMORY(6), .vcpu_count = 1, .system = true },
	},
	.major_frame_ns = MS(5),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(1) },
		{ .partition = "hm_log", .offset_ns = MS(1), .duration_ns = US(300) },
		{ .partition = "hm_cold", .offset_ns = US(1300), .duration_ns = US(300) },
		{ .partition = "hm_warm", .offset_ns = US(1600), .duration_ns = US(400) },
		{ .partition = "hm_stop", .offset_ns = MS(2), .duration_ns = US(200) },
		{ .partition = "hm_shutdown", .offset_ns = US(2200), .duration_ns = US(300) },
		{ .partition = "hm_reader", .offset_ns = US(2500), .duration_ns = US(1500) },
	},
	.run_frames = 40,
};
