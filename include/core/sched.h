/*
 * The ARINC 653 cyclic schedule as pure functions: which window (or idle gap) holds a given time,
 * which slot follows another, and which vcpu of a partition runs. No clock, no registers: the
 * host unit tests drive these directly.
 */
#ifndef CORE_SCHED_H
#define CORE_SCHED_H

#include <stdint.h>
#include <stdbool.h>
#include <core/limits.h>
#include <core/tick32.h>

struct partition;

/* A window in clock ticks, relative to the start of the major frame. */
struct sched_window {
	uint32_t partition;
	uint64_t offset;
	uint64_t duration;
	uint32_t config_index;          /* its index in the schedule's windows[] (for messages) */
};

#define SCHED_IDLE (-1)

/* A piece of the major frame: a window, or the idle gap before window `next`. */
struct sched_stretch {
	int32_t window;                 /* index in the plan, or SCHED_IDLE */
	uint32_t next;                  /* the window that follows (count: the next frame's first) */
	uint32_t start, end;            /* ticks from the start of the frame (<= DEADLINE_HORIZON) */
	struct partition *owner;        /* the window's partition (NULL: a gap); set by the user */
};

/* One schedule (include/core/deployment.h's struct schedule_config) in clock ticks, on one CPU:
 * the windows of that CPU. */
struct sched_plan {
	/* clock when frame `first_frame` starts: frame 0 for the plan in force at boot; the frame
	 * that begins at the boundary of a switch to it, for a plan switched to (sched_plan_switch) */
	uint64_t epoch;
	uint64_t first_frame;
	uint64_t major;                 /* ticks, at most DEADLINE_HORIZON */
	uint32_t count;
	struct sched_window windows[CONFIG_MAX_WINDOWS];
	/* the frame cut into windows and gaps once (sched_plan_prepare), so that the slot after a
	 * slot is a table step at run time */
	uint32_t stretch_count;
	struct sched_stretch stretches[2 * CONFIG_MAX_WINDOWS + 1];
};

/* A stretch of time: one window, or an idle gap (its window, the one a gap leads to and its
 * start are its stretch's; the gap before frame 0 leads to window 0). */
struct sched_slot {
	uint64_t frame;                 /* major frame number */
	uint64_t frame_start;           /* epoch + frame * major, kept exactly */
	tick32_t end;                   /* the clock's low half (core/tick32.h) */
	uint32_t stretch;               /* its stretch in the plan; UINT32_MAX: the gap before frame 0 */
};

/* The slot's window in the plan, or SCHED_IDLE for a gap. */
static inline int32_t sched_slot_window(const struct sched_plan *plan,
					const struct sched_slot *slot)
{
	return slot->stretch < plan->stretch_count ? plan->stretches[slot->stretch].window :
						     SCHED_IDLE;
}


/* Cuts the frame into stretches. The windows must be in order and must not overlap (the
 * deployment validator's rules), and must lie inside the major frame, itself no longer than
 * DEADLINE_HORIZON (core/deadline.h). */
void sched_plan_prepare(struct sched_plan *plan);

/* The slot that contains `now` (now >= plan->epoch), of a prepared plan. */
void sched_slot_at(const struct sched_plan *plan, uint64_t now, struct sched_slot *slot);
/* Makes `slot` stretch k of its frame. */
static inline void sched_enter_stretch(const struct sched_plan *plan, struct sched_slot *slot,
				       uint32_t k)
{
	const struct sched_stretch *st = &plan->stretches[k];

	slot->stretch = k;
	slot->end = (tick32_t)slot->frame_start + st->end;
}

/* The slot's frame is over: the next one's number and start. Out of line: once a frame, and its
 * 64-bit sums would otherwise be held across every window boundary. */
void sched_frame_next(const struct sched_plan *plan, struct sched_slot *slot);

/* A switch to plan `to` at the end of the frame `slot` has just stepped past (sched_slot_next
 * returned true): `to`'s first frame starts at that boundary, exactly, and `slot` becomes its
 * first stretch. Frame numbers go on counting across the switch. */
void sched_plan_switch(struct sched_plan *to, struct sched_slot *slot);

/*
 * The slot that follows `slot`, in place; true when it begins a new major frame. Frame n always
 * starts at n * major: nothing drifts. Inline: it is a table step at every window boundary.
 */
static inline bool sched_slot_next(const struct sched_plan *plan, struct sched_slot *slot)
{
	uint32_t k = slot->stretch + 1;   /* UINT32_MAX (before frame 0) steps to stretch 0 */
	bool new_frame = k >= plan->stretch_count;

	if (new_frame) {
		k = 0;
		sched_frame_next(plan, slot);
	}
	sched_enter_stretch(plan, slot, k);
	return new_frame;
}

/*
 * The scheduler's own state for one partition (per partition now; per partition and CPU once
 * CPUs come): its vcpus by index, as bitmaps. The dispatcher keeps one for each partition.
 */
struct sched_partition {
	/* bit i: vcpu i may have the CPU (RUNNABLE or RUNNING), kept by vcpu_set_state */
	uint32_t runnable;
	/* the vcpus of each distinct priority, highest first (sched_prepare_priorities) */
	uint32_t priority_classes[CONFIG_MAX_VCPUS_PER_PARTITION];
	uint32_t priority_class_count;
	uint32_t rr_cursor;             /* round robin: index of the vcpu dispatched last */
	uint32_t quantum;               /* clock ticks */
	tick32_t window_start;          /* clock at the start of its current (or last) window */
} __attribute__((aligned(64)));
/* aligned to a cache line: each CPU writes its own (partition, CPU) state, never one it shares
 * with another CPU's, and the index is a shift (a multiply took 4 instructions of every pick) */

/* Groups `count` vcpus by priority (priorities[i] is vcpu i's; higher runs first). */
void sched_prepare_priorities(struct sched_partition *s, const uint32_t *priorities,
			      uint32_t count);

#define SCHED_NONE (-1)

/*
 * The vcpu (index) that should run: the highest priority among the runnable; among equals,
 * `running` (the index of the one on the CPU, or SCHED_NONE) keeps the CPU unless `rotate`, else
 * the next after s->rr_cursor. SCHED_NONE if none is runnable. *shared tells whether another
 * runnable vcpu has that priority (so a quantum applies). Bitmaps, not a scan: a yield makes this
 * choice every time.
 */
static inline int32_t sched_pick(const struct sched_partition *s, int32_t running, bool rotate,
				 bool *shared)
{
	/* the top class is usually ready (a partition without vcpus has none: nothing is ready) */
	uint32_t c = 0, ready = s->runnable & s->priority_classes[0], after;

	while (!ready) {
		if (++c >= s->priority_class_count) {
			*shared = false;
			return SCHED_NONE;
		}
		ready = s->runnable & s->priority_classes[c];
	}
	*shared = (ready & (ready - 1)) != 0;
	/* alone at its priority (a lone vcpu, the usual case): no choice to make */
	if (!*shared)
		return __builtin_ctz(ready);
	if (!rotate && running != SCHED_NONE && (ready & (1u << running)))
		return running;
	/* round robin: the first one after the cursor, else the first from the start */
	after = ready & ~((2u << s->rr_cursor) - 1);
	return __builtin_ctz(after ? after : ready);
}

#endif
