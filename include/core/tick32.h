/*
 * Dispatcher time: the low 32 bits of the clock. A scheduling decision compares only times less
 * than 2^31 ticks apart (core/deadline.h keeps every queued deadline within DEADLINE_HORIZON), so
 * it compares them wrap-safe, one instruction each on a 32-bit CPU; in 64-bit ticks the same
 * decision took about 40 instructions more.
 */
#ifndef CORE_TICK32_H
#define CORE_TICK32_H

#include <stdint.h>
#include <stdbool.h>

typedef uint32_t tick32_t;

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

#endif
