/*
 * bench_smp_switch_a (configs/bench_smp.c): on each of the 4 CPUs, the partition before
 * bench_smp_switch_b, with no gap between their windows. Vcpu n (bound to CPU n) spins reading the
 * TSC through its windows; at each absence it publishes, in lane n of the shared area, its last
 * read before the window's end and its first read after (partitions/smp_switch_lanes.h). b pairs
 * the first with its own first read in the window between. It stops when b's vcpu n says done.
 */
#include <bulkhead.h>
#include "../smp_switch_lanes.h"

static volatile struct smp_switch_lane *lanes;
static uint8_t stacks[SMP_SWITCH_CPUS][4096] __attribute__((aligned(16)));

static void spin_on_cpu(void *arg)
{
	volatile struct smp_switch_lane *lane = &lanes[(uintptr_t)arg];

	while (!lane->done) {
		uint32_t before, after;

		bh_spin_until_gap(SMP_SWITCH_ABSENT_TICKS, &before, &after);
		lane->gaps[lane->published % SMP_SWITCH_HISTORY] =
			(struct smp_switch_gap){ before, after };
		lane->published++;
	}
}

int main(void)
{
	lanes = smp_switch_lanes();
	if (!lanes) {
		printf("BENCH error: no shared area bench_smp_switch\n");
		return 1;
	}
	bh_set_mode(BH_MODE_NORMAL);
	for (uint32_t n = 1; n < SMP_SWITCH_CPUS; n++)
		bh_vcpu_start(n, spin_on_cpu, (void *)(uintptr_t)n, stacks[n], sizeof(stacks[n]));
	spin_on_cpu((void *)0);
	return 0;
}
