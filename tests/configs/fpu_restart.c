/*
 * A cold restart resets the FPU registers (issue 15): fpu_restart faults twice, cold restarted,
 * alone, so that no other vcpu's FPU trap comes between its restarts and its next FPU use.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "fpu_restart",
	.partitions = {
		{ .name = "fpu_restart", .image = "fpu_restart", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_PAGE_FAULT] = HM_ACTION_COLD_RESTART } },
	},
	.major_frame_ns = US(500),
	.windows = {
		{ .partition = "fpu_restart", .offset_ns = 0, .duration_ns = US(500) },
	},
	.run_frames = 10,
};
