/*
 * bench_smp_switch_b (configs/bench_smp.c): the partition switch on each CPU while all four switch
 * at once. Its windows begin on every CPU where bench_smp_switch_a's end. Vcpu n (bound to CPU n)
 * spins reading the TSC; its first read in each window, less a's vcpu n's last read before that
 * window's end (from lane n of the shared area, partitions/smp_switch_lanes.h), less one turn of
 * the spin loop, is CPU n's switch: as bench_switch_b's on one CPU. The TSC is one counter for
 * all CPUs under QEMU (docs/bench.md says what it counts with several CPUs busy).
 */
#include <bulkhead.h>
#include "../smp_switch_lanes.h"

/* At most 100 samples a CPU: under QEMU one CPU in four gets a sample in most frames (docs/bench.md),
 * so 1000 would take some 20,000 frames. */
#define SWITCH_SAMPLES (BENCH_SAMPLES < 100 ? BENCH_SAMPLES : 100)

static volatile struct smp_switch_lane *lanes;
static uint8_t stacks[SMP_SWITCH_CPUS][4096] __attribute__((aligned(16)));
static uint32_t switch_values[SMP_SWITCH_CPUS][SWITCH_SAMPLES];
static struct bh_samples switches[SMP_SWITCH_CPUS] = {
	BH_SAMPLES(switch_values[0], BENCH_DROP_ABOVE), BH_SAMPLES(switch_values[1], BENCH_DROP_ABOVE),
	BH_SAMPLES(switch_values[2], BENCH_DROP_ABOVE), BH_SAMPLES(switch_values[3], BENCH_DROP_ABOVE),
};

static void measure_on_cpu(void *arg)
{
	uint32_t cpu = (uintptr_t)arg;
	volatile struct smp_switch_lane *lane = &lanes[cpu];
	struct bh_samples *samples = &switches[cpu];
	uint32_t first_read[SMP_SWITCH_HISTORY] = { 0 }, windows = 0, paired;
	uint32_t turn, before, after;
	char metric[40];

	bh_spin_until_gap(0, &before, &after);
	turn = after - before;
	paired = lane->published;
	while (!bh_samples_full(samples)) {
		bh_spin_until_gap(SMP_SWITCH_ABSENT_TICKS, &before, &after);
		first_read[windows++ % SMP_SWITCH_HISTORY] = after;
		/* a's absence that held one of our windows: our first read there is the earliest */
		for (; paired != lane->published; paired++) {
			struct smp_switch_gap gap = lane->gaps[paired % SMP_SWITCH_HISTORY];
			uint32_t first = 0;

			for (uint32_t k = 0; k < SMP_SWITCH_HISTORY && k < windows; k++) {
				uint32_t f = first_read[k];

				if (f - gap.last_read < gap.next_read - gap.last_read &&
				    (!first || f - gap.last_read < first - gap.last_read))
					first = f;
			}
			if (first)
				bh_samples_add(samples, first - gap.last_read - turn);
		}
	}
	lane->done = 1;
	snprintf(metric, sizeof(metric), "smp_partition_switch_cpu%u", cpu);
	bh_samples_report(metric, samples, turn, NULL);
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
		bh_vcpu_start(n, measure_on_cpu, (void *)(uintptr_t)n, stacks[n], sizeof(stacks[n]));
	measure_on_cpu((void *)0);
	return 0;
}
