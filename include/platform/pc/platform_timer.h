/*
 * The PC's clock and one-shot timer, inline, as core/platform.h declares them: both are the
 * HPET's. The one header of the platform that core includes, by this fixed name (found through
 * -Iinclude/platform/pc); the only place that says which device is the clock and which the
 * timer, so that another timer source changes this file and not core.
 */
#ifndef PLATFORM_PC_PLATFORM_TIMER_H
#define PLATFORM_PC_PLATFORM_TIMER_H

#include <stdint.h>
#include <stdbool.h>
#include <hpet.h>

static inline uint64_t platform_clock_now(void)
{
	return hpet_counter();
}

static inline uint32_t platform_clock_now32(void)
{
	return hpet_counter_low();
}

static inline bool platform_timer_set(uint32_t deadline, uint32_t now)
{
	return hpet_set_deadline(deadline, now);
}

#endif
