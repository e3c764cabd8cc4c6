/*
 * The APEX layer's core (apex/, tests/suites/test_apex_core.py): its scheduler on one vcpu
 * (apex_sched) and its services' return codes (apex_services), between two bystanders that
 * print their window starts. The major frame is the periodic process's period.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "apex_core",
	.partitions = {
		{ .name = "apex_sched", .image = "apex_sched", .memory_base = MIB(16),
		  .memory_size = KIB(512), .vcpu_count = 1,
		  .apex = { .processes = 16, .stack_bytes = KIB(160) } },
		{ .name = "bystander_a", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
	},
	.major_frame_ns = US(250),
	.windows = {
		{ .partition = "apex_sched", .offset_ns = 0, .duration_ns = US(150) },
		{ .partition = "bystander_a", .offset_ns = US(150), .duration_ns = US(50) },
	},
	.run_frames = 1400,
};
