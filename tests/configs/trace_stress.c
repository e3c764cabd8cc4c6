/*
 * The trace drain under pressure: trace_yield floods the ring in two windows per frame, and the
 * only idle time is a 30 us gap after each, too short to stream the backlog. The drain must stop
 * before each next window, and the stream must say how many records it lost.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "trace_stress",
	.partitions = {
		{ .name = "trace_yield", .image = "trace_yield", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "trace_yield", .offset_ns = 0, .duration_ns = US(970) },
		{ .partition = "trace_yield", .offset_ns = MS(1), .duration_ns = US(970) },
	},
	.run_frames = 10,
	.trace_classes = TRACE_CLASS_ALL,
	.trace_partitions = TRACE_PARTITIONS_ALL,
};
