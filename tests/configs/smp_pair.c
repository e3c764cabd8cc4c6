/*
 * Two CPUs, a partition on each in windows at the same time, a sampling channel between them:
 * the first multicore dispatcher's smoke test.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "smp_pair",
	.cpus = 2,
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "console_forge", .image = "console_forge", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
		{ .partition = "console_forge", .offset_ns = MS(5), .duration_ns = MS(4), .cpu = 1 },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(25), .source = "sensor", .destinations = { "console_forge" } },
	},
	.run_frames = 5,
};
