/*
 * The soak (tests/configs/soak.c) on four CPUs for 10,000 frames (tests/suites/test_smp.py):
 * soak_tx on CPU 0 sends to soak_rx on CPU 1 (its two vcpus share its window there), soak_faulty
 * faults on CPU 2 every 10th window and is restarted warm, soak_monitor on CPU 3 reads the
 * health-monitor log. Each partition's window comes after the one it depends on, as on one CPU,
 * but faulty's overlaps tx's and rx's, and monitor's rx's: four CPUs busy at once.
 */
#include <core/deployment.h>

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(64)   /* loads within its first window */

const struct deployment deployment = {
	.name = "smp_soak",
	.cpus = 4,
	.partitions = {
		{ .name = "soak_tx", .image = "soak_tx", MEMORY(0), .vcpu_count = 1 },
		{ .name = "soak_rx", .image = "soak_rx", MEMORY(1), .vcpu_count = 2,
		  .priority = { 1, 1 }, .quantum_ns = US(50) },
		{ .name = "soak_faulty", .image = "soak_faulty", MEMORY(2), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_INVALID_OPCODE] = HM_ACTION_WARM_RESTART },
		  .restart_limit = 1000, .restart_span_ns = MS(1000) },
		{ .name = "soak_monitor", .image = "soak_monitor", MEMORY(3), .vcpu_count = 1,
		  .system = true },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "soak_tx", .offset_ns = 0, .duration_ns = US(100), .cpu = 0 },
		{ .partition = "soak_rx", .offset_ns = US(150), .duration_ns = US(200), .cpu = 1 },
		{ .partition = "soak_faulty", .offset_ns = US(60), .duration_ns = US(200), .cpu = 2 },
		{ .partition = "soak_monitor", .offset_ns = US(320), .duration_ns = US(150), .cpu = 3 },
	},
	.channels = {
		{ .name = "soak_q", .kind = CHANNEL_QUEUING, .max_message = 8, .depth = 16,
		  .source = "soak_tx", .destinations = { "soak_rx" } },
		{ .name = "soak_s", .kind = CHANNEL_SAMPLING, .max_message = 4,
		  .refresh_ns = US(1500), .source = "soak_tx", .destinations = { "soak_rx" } },
	},
	.run_frames = 10000,
};
