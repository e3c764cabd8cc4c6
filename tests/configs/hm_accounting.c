/* Health-monitor accounting: restarts a partition asks for itself, and a vcpu misuse report. */
#include <core/deployment.h>

#define MEMORY(n) .memory_base = MIB(16 + (n)), .memory_size = KIB(256)

const struct deployment deployment = {
	.name = "hm_accounting",
	.partitions = {
		{ .name = "sensor", .image = "sensor", MEMORY(0), .vcpu_count = 1 },
		{ .name = "hm_self", .image = "hm_self", MEMORY(1), .vcpu_count = 1,
		  .restart_limit = 3, .restart_span_ns = MS(1000) },
		{ .name = "hm_misuse", .image = "hm_misuse", MEMORY(2), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(5),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(1) },
		{ .partition = "hm_self", .offset_ns = MS(1), .duration_ns = MS(1) },
		{ .partition = "hm_misuse", .offset_ns = MS(2), .duration_ns = MS(1) },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(25), .source = "sensor", .destinations = { "hm_self" } },
	},
	.run_frames = 20,
};
