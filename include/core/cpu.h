/*
 * Per-CPU data: what one physical CPU is doing. Each CPU reaches its own through this_cpu() (the
 * arch's per-CPU segment) and writes only its own; another CPU asks it for work only through its
 * mailbox and a kick (core/cpu_mail.h), which its exit step answers. Each part has one owner,
 * named at its field.
 */
#ifndef CORE_CPU_H
#define CORE_CPU_H

#include <stdint.h>
#include <stdbool.h>
#include <core/deadline.h>
#include <core/sched.h>
#include <core/cpu_mail.h>
#include <arch_cpu.h>

struct vcpu;
struct partition;

struct cpu {
	uint32_t index;                 /* 0: the boot CPU; the deployment's CPU numbers */
	bool online;                    /* its dispatcher runs (the deployment's cpus) */
	/* the dispatcher's */
	struct vcpu *current;           /* the vcpu on this CPU, NULL while it idles */
	struct partition *slot_owner;   /* the partition whose window the slot is (NULL: a gap) */
	struct sched_partition *slot_sched;   /* its scheduler state on this CPU (its vcpus here) */
	struct sched_slot slot;         /* where the CPU is in its plan */
	/* the schedule in force here, and the one from the next frame on (== plan: no switch) */
	struct sched_plan *plan, *next_plan;
	struct deadline slot_end, quantum_end;
	tick32_t decided_at;            /* the clock at the last decision (for debuggers) */
	tick32_t timer_at;              /* what the platform timer was last set for */
	bool timer_set;                 /* ... and it has not fired since */
	/* the deadlines of whatever runs here now: the two above, and the slot owner's vcpus' */
	struct deadline_queue deadlines;
	/*
	 * Marks, set by whatever changes a vcpu's state (a wake, a block, a raised line) or by a
	 * timer interrupt, and read once by the exit step (include/core/exit.h): a decision is needed, and
	 * whether it passes the CPU on among vcpus of equal priority (a yield, a quantum's end).
	 */
	bool decision_needed;
	bool rotate;
	struct cpu_mailbox mail;        /* written by the others, emptied by this CPU */
	/* statistics: kicks taken, windows begun, and the latest a window began after its plan */
	uint32_t kicks;
	uint32_t windows;
	uint32_t worst_late;            /* clock ticks */
};

extern struct cpu cpus[CONFIG_MAX_CPUS];

static inline struct cpu *this_cpu(void)
{
	return arch_cpu_data();
}

/* The calling CPU's index (one load: the exit paths compare it with a vcpu's CPU). */
static inline uint32_t this_cpu_index(void)
{
	return arch_cpu_index();
}

/* The vcpu running on this CPU (NULL while idle). */
static inline struct vcpu *current_vcpu(void)
{
	return this_cpu()->current;
}

/* Asks c's exit step for a decision (a yield passes the CPU on: `rotate`). */
static inline void cpu_ask_decision(struct cpu *c, bool rotate)
{
	c->decision_needed = true;
	c->rotate |= rotate;
}

#endif
