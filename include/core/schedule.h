/*
 * Several schedules (docs/schedules.md): which one a system partition or the health monitor asks
 * for, what partitions may read about them, and the line each switch prints. The dispatcher makes
 * the switch itself, at a major frame's end (core/dispatch.c).
 */
#ifndef CORE_SCHEDULE_H
#define CORE_SCHEDULE_H

#include <stdint.h>
#include <core/tick32.h>

struct vcpu;
struct partition;
struct cpu;

/* Schedule `initial` is in force from frame 0 on (dispatch_start). */
void schedule_start(uint32_t initial);

/* Schedule `id` (a valid one) from the end of the current frame on; the one in force cancels a
 * pending switch; a later request replaces an earlier one. */
void schedule_request(uint32_t id);
/* At the start of each frame on c: the plan asked for from this frame on becomes c->next_plan. */
void schedule_due(struct cpu *c);
/* The schedule asked for last (the one in force when none is pending). */
uint32_t schedule_wanted(void);
/* CPU c switched to schedule `id` at the start of `frame`, clock `at`: each of its vcpus gets
 * BH_VINT_SCHEDULE; on the boot CPU, the trace its event, the console its line (in idle time). */
void schedule_switched(struct cpu *c, uint32_t id, uint64_t frame, uint64_t at);
/* The health monitor stopped p for good: its hm_stop_schedule, if any, is requested. */
void schedule_partition_stopped(const struct partition *p);
/* Prints the switch lines waiting, while each fits before `until` (deferred_output's idle time). */
void schedule_print_waiting(tick32_t until);
/* Prints every switch line waiting (before shutdown). */
void schedule_print_all(void);

/* The major frame of the schedule in force at boot, in ns (0 before the deployment is valid). */
uint64_t schedule_initial_major_ns(void);

int32_t hc_schedule_set(struct vcpu *v, uint32_t id);
int32_t hc_schedule_status(struct vcpu *v, uint32_t out);
int32_t hc_schedule_find(struct vcpu *v, uint32_t name);

#endif
