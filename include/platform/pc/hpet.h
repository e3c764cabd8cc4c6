/*
 * The HPET: a 64-bit clock and a one-shot 64-bit comparator (timer 0, routed to line 0). Reading
 * the clock and programming the comparator are inline: every scheduling decision does both
 * (core reaches them as platform_clock_now32 and platform_timer_set, platform_timer.h).
 *
 * The comparator's upper half is cached, so that setting a deadline is usually one register
 * write. Core's dispatcher time is the clock's low half (core/tick32.h), and core sets every
 * deadline less than 2^31 ticks from the one before (each lies at most the dispatcher's horizon
 * past a decision, and a decision comes by the previous deadline). So a deadline's whole value
 * is the one nearest the last deadline set: its upper half is the last one's when both lower
 * halves lie in the same half of the 32-bit range (hpet_same_upper_half, one xor), else one more
 * or one less (hpet_upper_half, out of line in hpet_compare_across, once in 2^31 ticks at most).
 * hpet_compare_high starts as the clock's upper half (platform_timer_start). The comparator stays
 * 64-bit: QEMU's 32-bit comparator mode was seen to hold partitions back under gdb.
 */
#ifndef PLATFORM_PC_HPET_H
#define PLATFORM_PC_HPET_H

#include <stdint.h>
#include <stdbool.h>

#define HPET_BASE 0xfed00000u
#define HPET_REG(offset) (((volatile uint32_t *)HPET_BASE)[(offset) / 4])
#define HPET_COUNTER      0x0f0
#define HPET_T0_COMPARE   0x108

/* The lower half of the last deadline set, and the comparator's upper half: since
 * platform_timer_start, the last deadline's. */
extern uint32_t hpet_deadline_low, hpet_compare_high;
/* Far more ticks than the kernel takes from reading the clock to programming the comparator. */
extern uint32_t hpet_safe_ticks;

/* Sets the comparator to a deadline whose lower half lies in the other half of the 32-bit range
 * than the last one's: the upper half may change. */
void hpet_compare_across(uint32_t deadline);

/* These two are pure, so that a host test checks them across both halves of the range. */

/* Whether the deadline surely has the last one's upper half (lower halves `last`, `deadline`). */
static inline bool hpet_same_upper_half(uint32_t last, uint32_t deadline)
{
	return (int32_t)(deadline ^ last) >= 0;
}

/* The deadline's upper half: that of the whole value nearest the last deadline (`high`, `last`). */
static inline uint32_t hpet_upper_half(uint32_t high, uint32_t last, uint32_t deadline)
{
	if ((int32_t)(deadline - last) >= 0)
		return deadline < last ? high + 1 : high;
	return deadline > last ? high - 1 : high;
}

/* Returns 0, or -1 when no usable HPET is found (the message says why). */
int hpet_init(void);
/* Timer 1 counts periods of `period` ticks, with no interrupt (platform_timer.c's pacer); -1 if
 * it cannot be periodic. */
int hpet_pacer_start(uint32_t period);
/* As platform_timer_start and platform_timer_describe, when the comparator is the timer. */
void hpet_timer_start(uint64_t clock);
const char *hpet_describe(void);
/* The clock's frequency. */
uint32_t hpet_hz(void);

static inline uint64_t hpet_counter(void)
{
	uint32_t high, low;

	do {
		high = HPET_REG(HPET_COUNTER + 4);
		low = HPET_REG(HPET_COUNTER);
	} while (high != HPET_REG(HPET_COUNTER + 4));
	return ((uint64_t)high << 32) | low;
}

static inline uint32_t hpet_counter_low(void)
{
	return HPET_REG(HPET_COUNTER);
}

/* As platform_timer_set (core/platform.h). */
static inline bool hpet_set_deadline(uint32_t deadline, uint32_t now)
{
	if (__builtin_expect(hpet_same_upper_half(hpet_deadline_low, deadline), 1))
		HPET_REG(HPET_T0_COMPARE) = deadline;
	else
		hpet_compare_across(deadline);
	hpet_deadline_low = deadline;
	/* a comparator already behind the counter would only fire after the counter wraps; far
	 * enough ahead of `now`, the few instructions since cannot have passed it */
	if ((int32_t)(deadline - now) > (int32_t)hpet_safe_ticks)
		return true;
	return (int32_t)(deadline - hpet_counter_low()) > 0;
}

#endif
