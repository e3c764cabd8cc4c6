/*
 * A virtual CPU. Vcpus come from a static pool (core/vcpu.c) that never frees: a partition's vcpus
 * are allocated once in partition_init and reused across restarts.
 */
#ifndef CORE_VCPU_H
#define CORE_VCPU_H

#include <stdint.h>
#include <stdbool.h>
#include <core/deadline.h>
#include <public/hypercall.h>
#include <public/vint.h>
#include <public/health.h>
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

/* What a blocked vcpu waits for, and when it gives up (the dispatcher's, and core/ports.c's). */
struct vcpu_wait {
	struct deadline timeout;   /* not armed: no timeout */
	uint32_t port;             /* channel index + 1 when blocked in a queuing receive, else 0 */
	uint32_t buffer, size;     /* where the message goes */
};

/* The vcpu's virtual timer (core/vint.c's). */
struct vcpu_timer {
	struct deadline expiry;    /* not armed: the timer is off */
	uint64_t period;           /* clock ticks, 0 = one-shot */
	uint32_t missed;           /* periods that expired before delivery */
};

/*
 * The vcpu's virtual interrupts (core/vint.c's; include/public/vint.h is their ABI). With a shared
 * page the mask and the enable flag are the page's; `mask` is then 0 and `enabled` only says that
 * no upcall runs, so that the exit step's one test (a line pending, unmasked, enabled) sends a
 * vcpu with a page and a pending line to vint_deliver, which looks at the page: 3 instructions
 * off every exit of every other vcpu.
 */
struct vcpu_vint {
	uint32_t pending, mask;    /* bitmaps over the lines */
	uint32_t enabled;          /* the virtual interrupt-enable flag; clear while an upcall runs */
	uint32_t upcall_entry;     /* partition address, 0 = none registered */
	uint32_t upcall_stack;     /* 0 = run the upcall on the interrupted stack */
	/* the shared page (public/vint.h): its partition address (0 = none) and the kernel's view */
	uint32_t info_address;
	struct bh_vcpu_info *info;
};

/* The fault the health monitor last handed the vcpu as BH_VINT_FAULT (core/health.c's; vint_reset
 * forgets it): what hm_fault_read tells and hm_fault_escalate acts on. */
struct vcpu_fault {
	struct bh_hm_record record;
	bool held;
};

struct vcpu {
	uint32_t id;                     /* index in the pool */
	uint32_t index;                  /* index in its partition */
	struct partition *partition;
	uint32_t cpu;                    /* the CPU it runs on, and only there (deployment_vcpu_cpu) */
	enum vcpu_state state;
	struct vcpu *next_in_list;       /* the partition's vcpu list */
	uint32_t priority;               /* higher runs first inside the window */
	struct vcpu_stats stats;
	struct vcpu_wait wait;
	struct vcpu_timer timer;
	struct vcpu_vint vint;
	struct vcpu_fault fault;
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

/*
 * Changes of a vcpu's state (core/dispatch.c: the scheduler keeps its bitmaps with them). None
 * calls the scheduler: each only marks, on the CPU the vcpu's partition is on, that a decision is
 * needed, and the exit step (include/core/exit.h) decides once. Each runs on the vcpu's own CPU;
 * another CPU asks for them through core/cpu_mail.h.
 */
void vcpu_set_state(struct vcpu *v, enum vcpu_state state);
/* Takes v off the CPU until vcpu_wake, or for `timeout` ticks (0: no timeout). */
void vcpu_block(struct vcpu *v, uint64_t timeout);
/* Makes a blocked vcpu runnable with `result` as the return value of its blocking hypercall. */
void vcpu_wake(struct vcpu *v, int32_t result);
/* Stops a vcpu where it is (halted, paused, down); its wait ends. */
void vcpu_stop(struct vcpu *v, enum vcpu_state state);
/* The expiry of v->wait.timeout: the wait ends with BH_ETIMEDOUT. */
void vcpu_wait_timed_out(struct deadline *d, tick32_t now);

#endif
