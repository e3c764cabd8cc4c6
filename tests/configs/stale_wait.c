/*
 * A timed wait ended early must leave no trace in the timer (tests/partitions/stale_wait): the
 * receiver blocks with a timeout that ends in the middle of its next window, the sender's message
 * wakes it in between, and the receiver's next window must then run without a single interrupt.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "stale_wait",
	.partitions = {
		{ .name = "stale_wait", .image = "stale_wait", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 1 },
		{ .name = "stale_poke", .image = "stale_poke", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "stale_wait", .offset_ns = 0, .duration_ns = US(400) },
		{ .partition = "stale_poke", .offset_ns = US(500), .duration_ns = US(100) },
	},
	.channels = {
		{ .name = "poke", .kind = CHANNEL_QUEUING, .max_message = 4, .depth = 4,
		  .source = "stale_poke", .destinations = { "stale_wait" } },
	},
	.run_frames = 24,
};
