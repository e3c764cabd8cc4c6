/*
 * The dispatcher: reacts to timer events and to vcpus yielding, blocking or halting, follows the
 * cyclic plan (core/sched.c) and tells the arch which vcpu to run. Tickless: the timer is always
 * programmed for the next event (window end, quantum end, a virtual timer or a wait deadline).
 */
#ifndef CORE_DISPATCH_H
#define CORE_DISPATCH_H

#include <stdint.h>
#include <stdbool.h>
#include <core/sched.h>
#include <core/vcpu.h>

/* The vcpu on the CPU, NULL while idle. */
extern struct vcpu *current;
extern struct sched_plan dispatch_plan;
extern struct sched_slot dispatch_slot;

/*
 * Converts the deployment's schedule into clock ticks and starts the first slot. After
 * `run_frames` major frames (0: never) the system reports and shuts down.
 */
void dispatch_start(uint32_t run_frames);
/* Chooses who runs now; `rotate` passes the CPU to the next vcpu of equal priority. */
void dispatch_schedule(bool rotate);
/* The running vcpu passes the CPU to the next of its priority (or keeps it, if none). */
void dispatch_yield(void);
/* Takes the running vcpu off the CPU until vcpu_wake, or for `timeout` ticks (0: no timeout). */
void vcpu_block(struct vcpu *v, uint64_t timeout);
/* Makes a blocked vcpu runnable with `result` as the return value of its blocking hypercall. */
void vcpu_wake(struct vcpu *v, int32_t result);
/* Stops a vcpu where it is (halted, paused, down); reschedules if it was running. */
void vcpu_stop(struct vcpu *v, enum vcpu_state state);
/*
 * A timer or timed wait of one of p's vcpus was armed, moved or cancelled. The dispatcher looks
 * at p's timers and waits only when the earliest deadline it found among them has come (struct
 * partition's next_event); after a change it looks again at its next decision for p, so that it
 * never programs an interrupt for a deadline that is gone.
 */
void dispatch_events_changed(struct partition *p);

#endif
