/*
 * The APEX benchmark deployment (make bench: tools/bench.py boots it after configs/bench.c, which
 * it leaves as it is): two APEX partitions (docs/bench.md).
 *   0 bench_apex_src   GET_TIME, a process switch by SIGNAL_SEMAPHORE, a periodic release, and
 *                      SEND_QUEUING_MESSAGE of 64 bytes...
 *   1 bench_apex_dst   ...received here; the system partition, which shuts the machine down
 *                      once bench_apex_src has reported
 * Frame of 1 ms: bench_apex_src 0-900 us (a periodic process of 500 us is released at its start
 * and in its middle), bench_apex_dst 900-1000 us.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bench_apex",
	.partitions = {
		{
			.name = "bench_apex_src", .image = "bench_apex_src",
			.memory_base = MIB(16), .memory_size = KIB(512), .vcpu_count = 1,
			.apex = { .processes = 4, .stack_bytes = KIB(64) },
		},
		{
			.name = "bench_apex_dst", .image = "bench_apex_dst",
			.memory_base = MIB(17), .memory_size = KIB(512), .vcpu_count = 1,
			.system = true,
			.apex = { .processes = 1, .stack_bytes = KIB(16) },
		},
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "bench_apex_src", .offset_ns = 0, .duration_ns = US(900) },
		{ .partition = "bench_apex_dst", .offset_ns = US(900), .duration_ns = US(100) },
	},
	.channels = {
		{
			.name = "bench_apex_queue",
			.kind = CHANNEL_QUEUING,
			.max_message = 64,
			.depth = 32,
			.source = "bench_apex_src",
			.destinations = { "bench_apex_dst" },
		},
		{
			.name = "bench_apex_done",
			.kind = CHANNEL_SAMPLING,
			.max_message = 4,
			.refresh_ns = MS(1000),
			.source = "bench_apex_src",
			.destinations = { "bench_apex_dst" },
		},
	},
};
