/*
 * Health-monitor cold restarts of a partition spanning two CPUs (tests/suites/test_smp.py):
 * smp_cold's vcpu 0 on CPU 0 and vcpu 1 on CPU 1, in windows at the same time; a page fault of
 * either vcpu restarts it cold. A window_clock on each CPU keeps time beside it.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "smp_cold",
	.cpus = 2,
	.partitions = {
		{ .name = "smp_cold", .image = "smp_cold", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 2, .quantum_ns = US(500),
		  .vcpu_cpu = { CPU(0), CPU(1) },
		  .hm_actions = { [HM_EVENT_PAGE_FAULT] = HM_ACTION_COLD_RESTART },
		  .restart_limit = 10 },
		{ .name = "clock_0", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "clock_1", .image = "window_clock", .memory_base = MIB(18),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "smp_cold", .offset_ns = 0, .duration_ns = US(800), .cpu = 0 },
		{ .partition = "smp_cold", .offset_ns = US(200), .duration_ns = US(800), .cpu = 1 },
		{ .partition = "clock_0", .offset_ns = US(1200), .duration_ns = US(300), .cpu = 0 },
		{ .partition = "clock_1", .offset_ns = US(1300), .duration_ns = US(300), .cpu = 1 },
	},
	.run_frames = 14,
};
