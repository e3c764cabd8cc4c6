/*
 * Per-CPU data: what one physical CPU is doing. There is one CPU now (cpus[0]); with several, each
 * reaches its own through this_cpu(), and another CPU asks it for a decision only by the marks
 * below (then an interrupt). Each part has one owner, named at its field.
 */
#ifndef CORE_CPU_H
#define CORE_CPU_H

#include <stdint.h>
#include <stdbool.h>
#include <core/deadline.h>
#include <core/sched.h>

/* the CPUs the kernel starts (platform_cpus_start); only cpus[0] runs vcpus so far */
#define CONFIG_MAX_CPUS 8

struct vcpu;
struct partition;

struct cpu {
	/* the dispatcher's */
	struct vcpu *current;           /* the vcpu on this CPU, NULL while it idles */
	struct partition *slot_owner;   /* the partition whose window the slot is (NULL: a gap) */
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
};

extern struct cpu cpus[CONFIG_MAX_CPUS];

static inline struct cpu *this_cpu(void)
{
	return &cpus[0];
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
