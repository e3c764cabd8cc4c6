/*
 * A deployment that needs four CPUs: booted with -smp 4 (its own, from configtool cpus) it runs;
 * with -smp 2 the kernel refuses it and starts nothing. Its windows are all CPU 0's: CPUs 1 to 3
 * run their dispatchers on empty plans, idle.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "smp_four",
	.cpus = 4,
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "console_forge", .image = "console_forge", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(2) },
		{ .partition = "console_forge", .offset_ns = MS(5), .duration_ns = MS(2) },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(25), .source = "sensor", .destinations = { "console_forge" } },
	},
	.run_frames = 5,
};
