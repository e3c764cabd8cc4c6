/*
 * The APEX layer on two vcpus sharing one CPU by a 10 us quantum, which preempts a vcpu inside
 * the layer's lock as readily as anywhere (tests/suites/test_apex_core.py); a bystander prints
 * its window starts.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "apex_smp",
	.partitions = {
		{ .name = "apex_smp", .image = "apex_smp", .memory_base = MIB(16),
		  .memory_size = KIB(512), .vcpu_count = 2, .priority = { 1, 1 },
		  .quantum_ns = US(10), .apex = { .processes = 8, .stack_bytes = KIB(96) } },
		{ .name = "bystander_a", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
	},
	.major_frame_ns = US(500),
	.windows = {
		{ .partition = "apex_smp", .offset_ns = 0, .duration_ns = US(400) },
		{ .partition = "bystander_a", .offset_ns = US(400), .duration_ns = US(100) },
	},
	.run_frames = 400,
};
