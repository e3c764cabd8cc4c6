/*
 * Trace hook overhead: trace_bench measures its hypercalls in a long window while the kernel's
 * trace options come from the command line (off, filtered, on). trace_sink reads its port.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "trace_bench",
	.partitions = {
		{ .name = "trace_bench", .image = "trace_bench", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 1, .system = true },
		{ .name = "trace_sink", .image = "trace_sink", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "trace_bench", .offset_ns = 0, .duration_ns = MS(8) },
		{ .partition = "trace_sink", .offset_ns = MS(8), .duration_ns = MS(2) },
	},
	.channels = {
		{ .name = "bench", .kind = CHANNEL_SAMPLING, .max_message = 16, .refresh_ns = MS(100),
		  .source = "trace_bench", .destinations = { "trace_sink" } },
	},
	.run_frames = 10,
};
