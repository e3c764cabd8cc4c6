/*
 * What bench_smp_switch_a tells bench_smp_switch_b (configs/bench_smp.c), one lane per CPU in
 * their shared area "bench_smp_switch". Vcpu n of each runs on CPU n only, and the two
 * partitions' windows on a CPU never overlap, so each lane has one writer at a time and needs no
 * lock: a's vcpu n writes `gaps` and `published`, b's vcpu n writes `done`.
 */
#ifndef SMP_SWITCH_LANES_H
#define SMP_SWITCH_LANES_H

#include <bulkhead.h>

#define SMP_SWITCH_CPUS 4
#define SMP_SWITCH_HISTORY 8
/* A gap of more TSC ticks than this in a spin loop is the partition's absence between two
 * windows (900 us in a frame of 1 ms): smaller gaps are other work on the machine. */
#define SMP_SWITCH_ABSENT_TICKS 300000u

/* One absence of switch_a on a CPU: its last read before a window's end, its first after. */
struct smp_switch_gap {
	uint32_t last_read;
	uint32_t next_read;
};

struct smp_switch_lane {
	struct smp_switch_gap gaps[SMP_SWITCH_HISTORY];   /* gaps[k % HISTORY]: the k-th */
	uint32_t published;                                /* gaps written so far */
	uint32_t done;                                     /* switch_b has its samples */
};

static inline volatile struct smp_switch_lane *smp_switch_lanes(void)
{
	struct bh_shm_info info;

	if (bh_shm_open("bench_smp_switch", &info) != 0 ||
	    info.size < SMP_SWITCH_CPUS * sizeof(struct smp_switch_lane))
		return NULL;
	return (volatile struct smp_switch_lane *)(uintptr_t)info.address;
}

#endif
