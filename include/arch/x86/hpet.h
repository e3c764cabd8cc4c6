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

/* The last deadline set, whole (each next one is extended from it), and the comparator's upper
 * half, written only when it changes. */
extern uint32_t hpet_deadline_low, hpet_deadline_high, hpet_compare_high;
/* Far more ticks than the kernel takes from reading the clock to programming the comparator. */
extern uint32_t hpet_safe_ticks;

/* Writes both halves of the comparator (the upper one changes once in 2^32 ticks). */
void hpet_compare_both(uint32_t high, uint32_t low);

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

static inline uint32_t arch_clock_now32(void)
{
	return HPET_REG(HPET_COUNTER);
}

static inline uint32_t arch_timer_deadline(void)
{
	return hpet_deadline_low;
}

static inline bool arch_timer_set(uint32_t deadline, uint32_t now)
{
	/*
	 * The whole deadline is the one nearest the last deadline set: every deadline is less than
	 * 2^31 ticks from the one before (each is at most the dispatcher's horizon past a
	 * decision, and a decision comes by the previous deadline). The comparator stays 64-bit:
	 * QEMU's 32-bit comparator mode was seen to hold partitions back under gdb.
	 */
	uint32_t high = hpet_deadline_high;

	if ((int32_t)(deadline - hpet_deadline_low) >= 0) {
		if (deadline < hpet_deadline_low)
			hpet_deadline_high = ++high;
	} else if (deadline > hpet_deadline_low) {
		hpet_deadline_high = --high;
	}
	if (__builtin_expect(high != hpet_compare_high, 0))
		hpet_compare_both(high, deadline);
	else
		HPET_REG(HPET_T0_COMPARE) = deadline;
	hpet_deadline_low = deadline;
	/* a comparator already behind the counter would only fire after the counter wraps; far
	 * enough ahead of `now`, the few instructions since cannot have passed it */
	if ((int32_t)(deadline - now) > (int32_t)hpet_safe_ticks)
		return true;
	return (int32_t)(deadline - arch_clock_now32()) > 0;
}

#endif
