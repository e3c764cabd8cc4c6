/*
 * The multicore benchmark deployment (make bench: tools/bench.py boots it on 4 CPUs after
 * configs/bench.c and configs/bench_apex.c, which it leaves as they are; docs/bench.md).
 *   0 bench_smp_bell      (2 vcpus, CPUs 0 and 1)  cross-CPU doorbell: vcpu 0 rings vcpu 1 and
 *                         back, each blocked until rung; the system partition, which shuts the
 *                         machine down once the other two have reported and halted
 *   1 bench_smp_switch_a  (4 vcpus, one per CPU)   spins to the end of its windows...
 *   2 bench_smp_switch_b  (4 vcpus, one per CPU)   ...and this one from the start of the next:
 *                         the partition switch on each CPU while all four switch at once
 * Frame of 1 ms: the bell on CPUs 0 and 1 0-300 us, the switch windows touch on every CPU
 * (300-400 us, 400-500 us); idle 500-1000 us.
 */
#include <core/deployment.h>
#include <public/shm.h>

#define EVERY_CPU(partition_name, offset_us) \
	{ .partition = (partition_name), .offset_ns = US(offset_us), .duration_ns = US(100), .cpu = 0 }, \
	{ .partition = (partition_name), .offset_ns = US(offset_us), .duration_ns = US(100), .cpu = 1 }, \
	{ .partition = (partition_name), .offset_ns = US(offset_us), .duration_ns = US(100), .cpu = 2 }, \
	{ .partition = (partition_name), .offset_ns = US(offset_us), .duration_ns = US(100), .cpu = 3 }

const struct deployment deployment = {
	.name = "bench_smp",
	.cpus = 4,
	.partitions = {
		{
			.name = "bench_smp_bell", .image = "bench_smp_bell",
			.memory_base = MIB(16), .memory_size = KIB(512), .vcpu_count = 2,
			.priority = { 1, 1 }, .quantum_ns = MS(1), .vcpu_cpu = { CPU(0), CPU(1) }, .system = true,
		},
		{
			.name = "bench_smp_switch_a", .image = "bench_smp_switch_a",
			.memory_base = MIB(17), .memory_size = KIB(512), .vcpu_count = 4,
			.priority = { 1, 1, 1, 1 }, .quantum_ns = MS(1),
			.vcpu_cpu = { CPU(0), CPU(1), CPU(2), CPU(3) },
		},
		{
			.name = "bench_smp_switch_b", .image = "bench_smp_switch_b",
			.memory_base = MIB(18), .memory_size = KIB(512), .vcpu_count = 4,
			.priority = { 1, 1, 1, 1 }, .quantum_ns = MS(1),
			.vcpu_cpu = { CPU(0), CPU(1), CPU(2), CPU(3) },
		},
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "bench_smp_bell", .offset_ns = 0, .duration_ns = US(300), .cpu = 0 },
		{ .partition = "bench_smp_bell", .offset_ns = 0, .duration_ns = US(300), .cpu = 1 },
		EVERY_CPU("bench_smp_switch_a", 300),
		EVERY_CPU("bench_smp_switch_b", 400),
	},
	.shared_areas = {
		{
			/* per CPU, switch_a's reads on each side of its window ends, for switch_b */
			.name = "bench_smp_switch", .base = MIB(24), .size = KIB(4),
			.users = { { .partition = "bench_smp_switch_a", .address = BH_SHM_WINDOW_BASE,
				     .writable = true },
				   { .partition = "bench_smp_switch_b", .address = BH_SHM_WINDOW_BASE,
				     .writable = true } },
		},
	},
};
