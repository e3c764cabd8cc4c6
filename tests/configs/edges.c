/*
 * Exact edges: edges checks every pointer-taking hypercall one byte inside and one byte past the
 * end of its memory, the order of virtual interrupts, timers' missed periods and a restart's
 * clearing of its timer; prio's high-priority vcpu must preempt its spinning sibling the moment
 * its timer wakes it. edges_peer feeds edges' ports and prints its window starts.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "edges",
	.partitions = {
		{ .name = "edges", .image = "edges", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 2, .quantum_ns = US(500), .system = 1,
		  .hm_actions = { [HM_EVENT_APPLICATION_ERROR] = HM_ACTION_LOG } },
		{ .name = "edges_peer", .image = "edges_peer", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		/* vcpu 1 above vcpu 0; a quantum longer than the window, so that only a preemption
		 * on the wake can run vcpu 1 before the window ends */
		{ .name = "prio", .image = "prio", .memory_base = MIB(18), .memory_size = KIB(128),
		  .vcpu_count = 2, .priority = { 1, 2 }, .quantum_ns = MS(4) },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "edges", .offset_ns = 0, .duration_ns = MS(5) },
		{ .partition = "edges_peer", .offset_ns = US(5500), .duration_ns = MS(1) },
		{ .partition = "prio", .offset_ns = MS(7), .duration_ns = US(2500) },
	},
	.channels = {
		{ .name = "to_edges", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(20), .source = "edges_peer", .destinations = { "edges" } },
		{ .name = "from_edges", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(20), .source = "edges", .destinations = { "edges_peer" } },
		{ .name = "q_to_edges", .kind = CHANNEL_QUEUING, .max_message = 8, .depth = 4,
		  .source = "edges_peer", .destinations = { "edges" } },
		{ .name = "q_from_edges", .kind = CHANNEL_QUEUING, .max_message = 8, .depth = 4,
		  .source = "edges", .destinations = { "edges_peer" } },
	},
	.run_frames = 14,
};
