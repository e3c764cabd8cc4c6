/*
 * GDB helper test: one two-vcpu partition whose vcpu 0 rings vcpu 1's doorbell (see
 * tests/partitions/gdb_doorbell). Its application error is only logged, so it keeps running.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "gdb_doorbell",
	.partitions = {
		{
			.name = "bells",
			.image = "gdb_doorbell",
			.memory_base = MIB(16),
			.memory_size = KIB(64),
			.vcpu_count = 2,
			.quantum_ns = US(100),
			.hm_actions = { [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_LOG },
		},
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "bells", .offset_ns = 0, .duration_ns = MS(1) },
	},
	.run_frames = 20,
};
