/*
 * The HPET: a 64-bit clock and a one-shot 64-bit comparator (timer 0, routed to line 0). The
 * dispatcher's time is the clock's low half (core/tick32.h). Reading that half and programming
 * the comparator are inline (core reaches them through core/arch.h): every scheduling decision
 * does both.
 */
#ifndef ARCH_X86_HPET_H
#define ARCH_X86_HPET_H

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
 * than the last one's: the upper half may change (once in 2^32 ticks). */
void hpet_compare_across(uint32_t deadline);

/*
 * A deadline is less than 2^31 ticks from the last one set (lower half `last`, upper `high`).
 * These two are pure, so that a host test checks them across both halves of the range.
 */

/* Whether the deadline surely has the last one's upper half: both lower halves lie in the same
 * half of the 32-bit range, so no wrap of the lower half lies between them. */
static inline bool hpet_same_upper_half(uint32_t last, uint32_t deadline)
{
	return (int32_t)(deadline ^ last) >= 0;
}

/* The deadline's upper half: that of the whole value nearest the last deadline. */
static inline uint32_t hpet_upper_half(uint32_t high, uint32_t last, uint32_t deadline)
{
	if ((int32_t)(deadline - last) >= 0)
		return deadline < last ? high + 1 : high;
	return deadline > last ? high - 1 : high;
}

/* Returns 0, or -1 when no usable HPET is found (the message says why). */
int hpet_init(void);

static inline uint64_t platform_clock_now(void)
{
	uint32_t high, low;

	do {
		high = HPET_REG(HPET_COUNTER + 4);
		low = HPET_REG(HPET_COUNTER);
	} while (high != HPET_REG(HPET_COUNTER + 4));
	return ((uint64_t)high << 32) | low;
}

static inline uint32_t platform_clock_now32(void)
{
	return HPET_REG(HPET_COUNTER);
}

static inline uint32_t platform_timer_deadline(void)
{
	return hpet_deadline_low;
}

static inline bool platform_timer_set(uint32_t deadline, uint32_t now)
{
	/*
	 * The whole deadline is the one nearest the last deadline set: every deadline is less than
	 * 2^31 ticks from the one before (each is at most the dispatcher's horizon past a
	 * decision, and a decision comes by the previous deadline); usually it has the same upper
	 * half. The comparator stays 64-bit: QEMU's 32-bit comparator mode was seen to hold
	 * partitions back under gdb.
	 */
	if (__builtin_expect(hpet_same_upper_half(hpet_deadline_low, deadline), 1))
		HPET_REG(HPET_T0_COMPARE) = deadline;
	else
		hpet_compare_across(deadline);
	hpet_deadline_low = deadline;
	/* a comparator already behind the counter would only fire after the counter wraps; far
	 * enough ahead of `now`, the few instructions since cannot have passed it */
	if ((int32_t)(deadline - now) > (int32_t)hpet_safe_ticks)
		return true;
	return (int32_t)(deadline - platform_clock_now32()) > 0;
}

#endif
