/*
 * The benchmark deployment (make bench, tools/bench.py): partition bench_x runs the image
 * partitions/bench_x, which measures and prints BENCH lines (see docs/bench.md).
 *   0 bench_calls     (2 vcpus)  null hypercall, console write, vcpu switch by yield
 *   1 bench_switch_a             spins to the end of its window...
 *   2 bench_switch_b             ...and this one spins from the start of the next: partition switch,
 *                                and no timer interrupt inside a window
 *   3 bench_vtimer               virtual timer latency and return from an upcall
 *   4 bench_port_src             sampling write and queuing send of 64 bytes...
 *   5 bench_port_dst             ...read and received here; the system partition, which shuts the
 *                                machine down once every other partition has reported and halted
 * Frame of 1 ms: the two switch windows touch (300-400 us, 400-500 us); idle 900-1000 us.
 */
#include <core/deployment.h>

#define BENCH_PARTITION(partition_name, base_mib) \
	.name = (partition_name), .image = (partition_name), .memory_base = MIB(base_mib), \
	.memory_size = KIB(512)

const struct deployment deployment = {
	.name = "bench",
	.partitions = {
		{
			BENCH_PARTITION("bench_calls", 16),
			.vcpu_count = 2,
			.priority = { 1, 1 },
			.quantum_ns = MS(1),
		},
		{ BENCH_PARTITION("bench_switch_a", 17), .vcpu_count = 1 },
		{ BENCH_PARTITION("bench_switch_b", 18), .vcpu_count = 1 },
		{ BENCH_PARTITION("bench_vtimer", 19), .vcpu_count = 1 },
		{ BENCH_PARTITION("bench_port_src", 20), .vcpu_count = 1 },
		{ BENCH_PARTITION("bench_port_dst", 21), .vcpu_count = 1, .system = true },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "bench_calls", .offset_ns = 0, .duration_ns = US(300) },
		{ .partition = "bench_switch_a", .offset_ns = US(300), .duration_ns = US(100) },
		{ .partition = "bench_switch_b", .offset_ns = US(400), .duration_ns = US(100) },
		{ .partition = "bench_vtimer", .offset_ns = US(500), .duration_ns = US(150) },
		{ .partition = "bench_port_src", .offset_ns = US(650), .duration_ns = US(100) },
		{ .partition = "bench_port_dst", .offset_ns = US(750), .duration_ns = US(150) },
	},
	.channels = {
		{
			/* switch_a's last TSC read of each window, told to switch_b a window later */
			.name = "bench_switch",
			.kind = CHANNEL_QUEUING,
			.max_message = 8,
			.depth = 4,
			.source = "bench_switch_a",
			.destinations = { "bench_switch_b" },
		},
		{
			.name = "bench_switch_done",
			.kind = CHANNEL_SAMPLING,
			.max_message = 4,
			.refresh_ns = MS(1000),
			.source = "bench_switch_b",
			.destinations = { "bench_switch_a" },
		},
		{
			.name = "bench_sampling",
			.kind = CHANNEL_SAMPLING,
			.max_message = 64,
			.refresh_ns = MS(10),
			.source = "bench_port_src",
			.destinations = { "bench_port_dst" },
		},
		{
			.name = "bench_queue",
			.kind = CHANNEL_QUEUING,
			.max_message = 64,
			.depth = 32,
			.source = "bench_port_src",
			.destinations = { "bench_port_dst" },
		},
	},
};
