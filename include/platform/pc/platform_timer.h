/*
 * The PC's clock and one-shot timer, inline, as core/platform.h declares them: the clock is the
 * HPET's counter; the timer the local APIC's or the HPET's comparator (timer_source.h). The one
 * header of the platform that core includes, by this fixed name (found through
 * -Iinclude/platform/pc); the only place that says which device is the clock and which the
 * timer, so that another timer source changes this file and not core.
 */
#ifndef PLATFORM_PC_PLATFORM_TIMER_H
#define PLATFORM_PC_PLATFORM_TIMER_H

#include <stdint.h>
#include <stdbool.h>
#include <hpet.h>
#include <lapic_timer.h>
#include <timer_source.h>

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
	if (__builtin_expect(timer_source_lapic, 1))
		return lapic_timer_set(deadline);
	return hpet_set_deadline(deadline, now);
}

#endif
