/*
 * The dispatcher: the cyclic plan in motion on a CPU. It decides who runs in one place,
 * dispatch_decide, which only the exit step calls (include/core/exit.h); everything else marks
 * that a decision is needed (core/cpu.h). Tickless: the platform timer is set for the earliest deadline
 * of the CPU's queue (core/deadline.h): the window's end, the quantum's, and the virtual timers and
 * wait timeouts of the window's partition.
 */
#ifndef CORE_DISPATCH_H
#define CORE_DISPATCH_H

#include <stdint.h>
#include <stdbool.h>
#include <core/cpu.h>
#include <core/sched.h>
#include <core/vcpu.h>

struct partition;

/* the deployment's schedules by CPU and id, prepared at boot (CPU k's windows of each); each
 * CPU's `plan` is its row's one in force */
extern struct sched_plan dispatch_plans[CONFIG_MAX_CPUS][CONFIG_MAX_SCHEDULES];
extern uint32_t dispatch_plan_count;
/* the CPUs the deployment runs on (its cpus): 0 .. dispatch_cpu_count - 1 */
extern uint32_t dispatch_cpu_count;

/* The id of the schedule in force on c. */
static inline uint32_t dispatch_plan_id(const struct cpu *c)
{
	return (uint32_t)(c->plan - dispatch_plans[c->index]);
}

/* Prepares p's scheduling state from its config and vcpus, at boot. Returns 0 or -1. */
int dispatch_add_partition(struct partition *p);
/*
 * Converts the deployment's schedules into clock ticks and starts the first slot. After
 * `run_frames` major frames (0: never) the system reports and shuts down.
 */
void dispatch_start(uint32_t run_frames);
/* On an AP, when it takes its start (core/cpu_mail.c): its timer, then its first decision. */
void dispatch_cpu_start(struct cpu *c);
/* The one scheduling decision, for the exit step: takes the deadlines that have come, follows
 * the plan, picks the vcpu to run and sets the timer for the next deadline. */
void dispatch_decide(struct cpu *c);
/* yield(): the decision on the way out passes the CPU to the next vcpu of v's priority. */
int32_t hc_yield(struct vcpu *v);
/* A deadline of one of v's (timer, wait) was armed: queued if its partition holds the CPU. */
void dispatch_deadline_armed(struct vcpu *v, struct deadline *d);
/* The same, cancelled. */
void dispatch_deadline_cancel(struct vcpu *v, struct deadline *d);
/* The start of p's current (or last) window, in clock ticks. */
uint64_t dispatch_window_start(const struct partition *p);
/* The end of p's current window in clock ticks, 0 if the CPU is not in one of its windows. */
uint64_t dispatch_window_end(const struct partition *p);
/* Until when the kernel may spend the running partition's time on its behalf (its console lines,
 * its health-monitor lines): its next deadline, a sibling's timer or the quantum, or else the
 * slot's end, which is always queued while a slot lasts. */
static inline tick32_t dispatch_own_time_end(void)
{
	const struct cpu *c = this_cpu();

	return deadline_queue_next(&c->deadlines, c->slot.end);
}

#endif
