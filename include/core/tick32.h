/*
 * Dispatcher time: the low 32 bits of the clock. A scheduling decision compares only times less
 * than 2^31 ticks apart (the major frame and every deadline the dispatcher caches are at most
 * TICK32_HORIZON ahead), so it compares them wrap-safe, one instruction each on a 32-bit CPU;
 * in 64-bit ticks the same decision took about 40 instructions more. A deadline further ahead (a
 * vcpu timer an hour away) is reached in steps of at most the horizon (struct tick32_deadline).
 */
#ifndef CORE_TICK32_H
#define CORE_TICK32_H

#include <stdint.h>
#include <stdbool.h>

typedef uint32_t tick32_t;

/* The furthest ahead the dispatcher caches a deadline: 2^30 ticks (10.7 s at 100 MHz). */
#define TICK32_HORIZON (1u << 30)

/* a is earlier than b */
static inline bool tick32_before(tick32_t a, tick32_t b)
{
	return (int32_t)(a - b) < 0;
}

/* The 64-bit clock value whose low half is t, given a 64-bit clock value less than 2^31 ticks
 * from it. */
static inline uint64_t tick32_extend(uint64_t near, tick32_t t)
{
	return near + (uint64_t)(int64_t)(int32_t)(t - (uint32_t)near);
}

/* A deadline at any distance: the next step towards it is at most the horizon ahead. */
struct tick32_deadline {
	bool armed;
	tick32_t at;                    /* the deadline, or the next step towards it */
	uint32_t steps;                 /* whole horizons from `at` to the deadline */
};

/*
 * Arms d for `ahead` ticks after `from`: a first step of 1 to TICK32_HORIZON ticks, then whole
 * horizons (a count that fits 32 bits up to 2^62 ticks, 1,400 years at 100 MHz; callers bound
 * their deadlines far below).
 */
static inline void tick32_deadline_arm(struct tick32_deadline *d, tick32_t from, uint64_t ahead)
{
	uint32_t steps = ahead ? (uint32_t)((ahead - 1) / TICK32_HORIZON) : 0;

	d->armed = true;
	d->steps = steps;
	d->at = from + (uint32_t)(ahead - (uint64_t)steps * TICK32_HORIZON);
}

/* Whether d has come by `now` (it is then disarmed); steps that have come move it on. */
static inline bool tick32_deadline_reached(struct tick32_deadline *d, tick32_t now)
{
	if (!d->armed || tick32_before(now, d->at))
		return false;
	while (d->steps) {
		d->steps--;
		d->at += TICK32_HORIZON;
		if (tick32_before(now, d->at))
			return false;
	}
	d->armed = false;
	return true;
}

/* Whether d has come by `now`, left as it is (its next step is less than 2^31 ticks from now):
 * the steps still to take may all lie behind `now` already. */
static inline bool tick32_deadline_passed(const struct tick32_deadline *d, tick32_t now)
{
	return d->armed && !tick32_before(now, d->at) && (now - d->at) / TICK32_HORIZON >= d->steps;
}

#endif
