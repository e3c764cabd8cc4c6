/*
 * Soak: every feature at once for 10,000 major frames (about 12 s of QEMU, in the test suite).
 * soak_tx sends numbered messages and samples to soak_rx, whose two vcpus share its window, one of
 * them counting a periodic virtual timer; soak_faulty faults every 10th window and is restarted
 * warm; soak_monitor, the system partition, reads the health-monitor log. All print every window
 * start, which the test checks against the plan.
 */
#include <core/deployment.h>

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(64)   /* loads within its first window */

const struct deployment deployment = {
	.name = "soak",
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
		{ .partition = "soak_tx", .offset_ns = 0, .duration_ns = US(100) },
		{ .partition = "soak_rx", .offset_ns = US(100), .duration_ns = US(200) },
		{ .partition = "soak_faulty", .offset_ns = US(300), .duration_ns = US(100) },
		{ .partition = "soak_monitor", .offset_ns = US(400), .duration_ns = US(100) },
	},
	.channels = {
		{ .name = "soak_q", .kind = CHANNEL_QUEUING, .max_message = 8, .depth = 16,
		  .source = "soak_tx", .destinations = { "soak_rx" } },
		{ .name = "soak_s", .kind = CHANNEL_SAMPLING, .max_message = 4,
		  .refresh_ns = US(1500), .source = "soak_tx", .destinations = { "soak_rx" } },
	},
	.run_frames = 10000,
};
