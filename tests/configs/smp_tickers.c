/*
 * Two partitions, each with a periodic virtual timer, on two CPUs in windows at the same time
 * (tests/partitions/smp_ticker).
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "smp_tickers",
	.cpus = 2,
	.partitions = {
		{ .name = "ticker_0", .image = "smp_ticker", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "ticker_1", .image = "smp_ticker", .memory_base = MIB(17),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "ticker_0", .offset_ns = 0, .duration_ns = US(900), .cpu = 0 },
		{ .partition = "ticker_1", .offset_ns = 0, .duration_ns = US(900), .cpu = 1 },
	},
	.run_frames = 40,
};
