/*
 * The HPET: a 64-bit clock and a one-shot comparator (timer 0, routed to line 0). Reading the
 * clock and programming the comparator are inline (core reaches them through core/arch.h): every
 * scheduling decision does both.
 */
#ifndef ARCH_X86_HPET_H
#define ARCH_X86_HPET_H

#include <stdint.h>
#include <stdbool.h>

#define HPET_BASE 0xfed00000u
#define HPET_REG(offset) (((volatile uint32_t *)HPET_BASE)[(offset) / 4])
#define HPET_COUNTER      0x0f0
#define HPET_T0_COMPARE   0x108

/* The comparator's upper half, written only when it changes. */
extern uint32_t hpet_compare_high;
/* Far more ticks than the kernel takes from reading the clock to programming the comparator. */
extern uint64_t hpet_safe_ticks;

/* Returns 0, or -1 when no usable HPET is found (the message says why). */
int hpet_init(void);

static inline uint64_t arch_clock_now(void)
{
	uint32_t high, low;

	do {
		high = HPET_REG(HPET_COUNTER + 4);
		low = HPET_REG(HPET_COUNTER);
	} while (high != HPET_REG(HPET_COUNTER + 4));
	return ((uint64_t)high << 32) | low;
}

static inline bool arch_timer_set(uint64_t deadline, uint64_t now)
{
	uint32_t high = (uint32_t)(deadline >> 32);

	if (high != hpet_compare_high) {
		HPET_REG(HPET_T0_COMPARE + 4) = high;
		hpet_compare_high = high;
	}
	HPET_REG(HPET_T0_COMPARE) = (uint32_t)deadline;
	/* a comparator already behind the counter would only fire after the counter wraps; far
	 * enough ahead of `now`, the few instructions since cannot have passed it */
	if (deadline > now && deadline - now > hpet_safe_ticks)
		return true;
	return arch_clock_now() < deadline;
}

#endif
