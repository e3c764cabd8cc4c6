/*
 * A virtual CPU. Vcpus come from a static pool (core/vcpu.c) that never frees: a partition's vcpus
 * are allocated once in partition_init and reused across restarts.
 */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include <stdint.h>
#include <core/tick32.h>
#include <public/hypercall.h>
#include <arch_vcpu.h>

struct partition;

enum vcpu_state {
	VCPU_DOWN = BH_VCPU_DOWN,          /* allocated, never started (or reset) */
	VCPU_RUNNABLE = BH_VCPU_RUNNABLE,
	VCPU_RUNNING = BH_VCPU_RUNNING,
	VCPU_BLOCKED = BH_VCPU_BLOCKED,    /* waiting for a virtual interrupt or a message */
	VCPU_PAUSED = BH_VCPU_PAUSED,      /* paused by a sibling */
	VCPU_HALTED = BH_VCPU_HALTED,      /* halted itself or stopped with its partition */
};

struct vcpu_stats {
	uint32_t dispatched;       /* times it was given the CPU */
	uint64_t consumed;         /* clock ticks it ran */
	tick32_t dispatched_at;    /* clock (low half) when it last got the CPU */
};

/* What a blocked vcpu waits for, and when it gives up. */
struct vcpu_wait {
	struct tick32_deadline timeout;   /* not armed: no timeout */
	uint32_t port;             /* channel index + 1 when blocked in a queuing receive, else 0 */
	uint32_t buffer, size;     /* where the message goes */
};

struct vcpu_timer {
	struct tick32_deadline expiry;   /* not armed: the timer is off */
	uint64_t period;           /* clock ticks, 0 = one-shot */
	uint32_t missed;           /* periods that expired before delivery */
};

struct vcpu {
	uint32_t id;                     /* index in the pool */
	uint32_t index;                  /* index in its partition */
	struct partition *partition;
	enum vcpu_state state;
	struct vcpu *next_in_list;       /* the partition's vcpu list */
	uint32_t priority;               /* higher runs first inside the window */
	struct vcpu_stats stats;
	struct vcpu_wait wait;
	struct vcpu_timer timer;
	struct arch_vcpu arch;
};

/*
 * Takes the next slot of the pool for vcpu `index` of `p` (indices are dense: 0, 1, ...), links it
 * into p's list and leaves it DOWN. NULL when the pool is exhausted or the index is not the next.
 */
struct vcpu *alloc_vcpu(struct partition *p, uint32_t index);
/* The pool slot `id`, if allocated. */
struct vcpu *vcpu_from_id(uint32_t id);
uint32_t vcpu_pool_used(void);
const char *vcpu_state_name(enum vcpu_state s);

#endif
