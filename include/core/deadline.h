/*
 * Deadlines: the one mechanism by which the kernel waits for a time (window and quantum ends,
 * virtual timers, wait timeouts). A CPU keeps the deadlines that concern it now in one queue,
 * earliest first; the dispatcher programs the platform timer for the head and takes what is due.
 *
 * The one place that knows the clock's width and limits: a deadline is kept in the clock's low
 * half (core/tick32.h), whose compares are wrap-safe only between times less than 2^31 ticks
 * apart. So a queued deadline's next step is never more than DEADLINE_HORIZON ahead; one further
 * off (a virtual timer an hour away) is reached in whole horizons (`steps`), each a step of the
 * queue that expires nothing.
 */
#ifndef CORE_DEADLINE_H
#define CORE_DEADLINE_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <core/tick32.h>

/* The furthest ahead a step is queued: 2^30 ticks (10.7 s at 100 MHz). A span the dispatcher
 * itself steps through (a major frame, a quantum) must fit in it: deadline_span_fits. */
#define DEADLINE_HORIZON (1u << 30)

struct deadline;
/* What a deadline does when it comes: called by deadline_queue_expire with the clock `now`. */
typedef void (*deadline_expire_fn)(struct deadline *d, tick32_t now);

struct deadline {
	tick32_t at;                  /* the deadline, or its next step */
	uint32_t steps;               /* whole horizons from `at` to the deadline */
	bool armed;
	bool queued;                  /* in a CPU's queue (armed, and its owner on that CPU) */
	struct deadline *next;        /* in the queue */
	deadline_expire_fn expire;
};

/* The deadlines of one CPU, earliest first. */
struct deadline_queue {
	struct deadline *head;
};

static inline void deadline_init(struct deadline *d, deadline_expire_fn expire)
{
	*d = (struct deadline){ .expire = expire };
}

static inline bool deadline_span_fits(uint64_t ticks)
{
	return ticks <= DEADLINE_HORIZON;
}

/*
 * Arms d for `ahead` ticks after `from` (a first step of 1 to DEADLINE_HORIZON ticks, then whole
 * horizons: a count that fits 32 bits up to 2^62 ticks; callers bound their deadlines far below).
 * Not queued: deadline_queue_add does that.
 */
void deadline_arm(struct deadline *d, tick32_t from, uint64_t ahead);
/* Whether d has come by `now`, left as it is (its next step is less than 2^31 ticks from now). */
bool deadline_passed(const struct deadline *d, tick32_t now);

/* Arms d for the clock's low half `at`, less than a horizon ahead (a slot's end, a quantum's). */
static inline void deadline_arm_at(struct deadline *d, tick32_t at)
{
	d->armed = true;
	d->steps = 0;
	d->at = at;
}
void deadline_queue_insert(struct deadline_queue *q, struct deadline *d);
void deadline_queue_unlink(struct deadline_queue *q, struct deadline *d);
/* Puts an armed d into q in its place (moved there if queued already). Inline for an empty
 * queue: the slot's end, queued again at every window boundary, usually finds it so. */
static inline void deadline_queue_add(struct deadline_queue *q, struct deadline *d)
{
	if (!q->head) {
		d->next = NULL;
		d->queued = true;
		q->head = d;
		return;
	}
	deadline_queue_insert(q, d);
}
/* Takes d out of q if it is there; it stays armed. */
static inline void deadline_queue_remove(struct deadline_queue *q, struct deadline *d)
{
	if (d->queued)
		deadline_queue_unlink(q, d);
}
/* Disarms d, and takes it out of q. */
static inline void deadline_cancel(struct deadline_queue *q, struct deadline *d)
{
	deadline_queue_remove(q, d);
	d->armed = false;
}
/*
 * Arms d for `at` (less than a horizon ahead) and queues it; d is one never armed in steps (only
 * deadline_arm_at and this arm it: a quantum's end). Inline for the case of every switch between
 * vcpus that share a priority: their quantum's end moves later and keeps its place (before the
 * next deadline, or last), so it changes in place: 8 instructions where the general move took 45
 * (a yield's figure, docs/bench.md).
 */
static inline void deadline_queue_move(struct deadline_queue *q, struct deadline *d, tick32_t at)
{
	if (d->queued && !tick32_before(at, d->at) &&
	    (!d->next || tick32_before(at, d->next->at))) {
		d->at = at;
		return;
	}
	deadline_arm_at(d, at);
	deadline_queue_add(q, d);
}
/* A step of d (a whole horizon short of its deadline) has come: the next one is queued. Out of
 * line: rare, and inline it made GCC keep q on the stack across every decision. */
void deadline_queue_step(struct deadline_queue *q, struct deadline *d);
/* Runs the expire function of every deadline of q that has come by `now` (taken out and disarmed
 * first; one may queue deadlines again), earliest first; steps that have come move on. Inline:
 * every decision looks, and a window's end or a virtual timer takes it (a call and its frame
 * were 18 instructions of each). */
static inline void deadline_queue_expire(struct deadline_queue *q, tick32_t now)
{
	struct deadline *d;

	while ((d = q->head) && !tick32_before(now, d->at)) {
		q->head = d->next;
		d->queued = false;
		if (__builtin_expect(d->steps != 0, 0)) {
			deadline_queue_step(q, d);
			continue;
		}
		d->armed = false;
		d->expire(d, now);
	}
}
/* The next time q needs the CPU: its head's step, or a horizon from `now` when q is empty. */
static inline tick32_t deadline_queue_next(const struct deadline_queue *q, tick32_t now)
{
	return q->head ? q->head->at : now + DEADLINE_HORIZON;
}

#endif
