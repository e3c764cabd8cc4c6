/* Two receivers of one queue blocked at once, one with a buffer too small (tests/partitions/
 * queue_waiters): a regression found by the hypercall fuzzer. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "queue_waiters",
	.partitions = {
		{ .name = "queue_waiters", .image = "queue_waiters", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 2, .quantum_ns = US(50) },
		{ .name = "qsender", .image = "qsender", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 1 },
	},
	.major_frame_ns = US(500),
	.windows = {
		{ .partition = "queue_waiters", .offset_ns = 0, .duration_ns = US(250) },
		{ .partition = "qsender", .offset_ns = US(250), .duration_ns = US(100) },
	},
	.channels = {
		{ .name = "stream", .kind = CHANNEL_QUEUING, .max_message = 16, .depth = 4,
		  .source = "qsender", .destinations = { "queue_waiters" } },
	},
	.run_frames = 200,
};
