/* Ports: a queuing channel carrying 100,000 sequenced messages, a sampling channel whose samples
 * go stale every other frame, and a partition that owns no port. Small memories: each partition
 * is loaded in its first window and must still run its checks there. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "ports",
	.partitions = {
		{ .name = "qreceiver", .image = "qreceiver", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "qsender", .image = "qsender", .memory_base = MIB(17),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "sampler", .image = "sampler", .memory_base = MIB(18),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "sreader", .image = "sreader", .memory_base = MIB(19),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "stranger", .image = "stranger", .memory_base = MIB(20),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = US(500),
	.windows = {
		{ .partition = "qreceiver", .offset_ns = 0, .duration_ns = US(150) },
		{ .partition = "qsender", .offset_ns = US(150), .duration_ns = US(150) },
		{ .partition = "sampler", .offset_ns = US(300), .duration_ns = US(50) },
		{ .partition = "sreader", .offset_ns = US(400), .duration_ns = US(50) },
		{ .partition = "stranger", .offset_ns = US(460), .duration_ns = US(30) },
	},
	.channels = {
		{ .name = "stream", .kind = CHANNEL_QUEUING, .max_message = 16, .depth = 64,
		  .source = "qsender", .destinations = { "qreceiver" } },
		{ .name = "gauge", .kind = CHANNEL_SAMPLING, .max_message = 8, .refresh_ns = US(550),
		  .source = "sampler", .destinations = { "sreader" } },
	},
	.run_frames = 1600,
};
