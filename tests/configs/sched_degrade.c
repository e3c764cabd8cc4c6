/* The health monitor's degraded mode (docs/schedules.md): hm_cold faults at every start; at its
 * restart limit it stops for good and its hm_stop_schedule, "degraded", is in force from the end
 * of that frame on. The witnesses' windows must stay on time across the switch. */
#include <core/deployment.h>

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(256)

const struct deployment deployment = {
	.name = "sched_degrade",
	.partitions = {
		{ .name = "hm_cold", .image = "hm_cold", MEMORY(0), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_PAGE_FAULT] = HM_ACTION_COLD_RESTART },
		  .restart_limit = 3, .restart_span_ns = MS(1000), .hm_stop_schedule = "degraded" },
		{ .name = "wa", .image = "window_clock", MEMORY(1), .vcpu_count = 1 },
		{ .name = "wb", .image = "window_clock", MEMORY(2), .vcpu_count = 1 },
	},
	.schedules = {
		{ .name = "normal", .major_frame_ns = MS(2), .windows = {
			{ .partition = "hm_cold", .offset_ns = 0, .duration_ns = US(500) },
			{ .partition = "wa", .offset_ns = US(600), .duration_ns = US(400) },
			{ .partition = "wb", .offset_ns = US(1200), .duration_ns = US(400) },
		} },
		{ .name = "degraded", .major_frame_ns = MS(1), .windows = {
			{ .partition = "wa", .offset_ns = 0, .duration_ns = US(400) },
			{ .partition = "wb", .offset_ns = US(500), .duration_ns = US(400) },
		} },
	},
	.run_frames = 30,
};
