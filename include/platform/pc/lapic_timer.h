/*
 * The local APIC's one-shot timer as the platform timer (lapic_timer.c): the HPET stays the
 * clock, and a deadline on it becomes a count of this CPU's APIC timer ticks from the clock read
 * just before the count is written. The rate (APIC ticks per HPET tick) is measured at boot
 * against the HPET; divide-by-1, the finest the timer has.
 *
 * Setting a deadline is one clock read and one register write, inline (core reaches it as
 * platform_timer_set, platform_timer.h). A count takes effect when written, so no deadline can be
 * missed between the read and the write: the interrupt only comes those few instructions later,
 * which LAPIC_TIMER_LEAD_NS takes back. A deadline further than the 32-bit count reaches gets the
 * furthest count: the interrupt comes early, and the dispatcher's decision then, with nothing
 * expired, sets the timer again.
 */
#ifndef PLATFORM_PC_LAPIC_TIMER_H
#define PLATFORM_PC_LAPIC_TIMER_H

#include <stdint.h>
#include <stdbool.h>
#include <hpet.h>

/*
 * APIC timer ticks per HPET tick, 32.32 fixed point: count = ahead x whole + (ahead x fraction)
 * >> 32, one multiplication when the rate is whole (QEMU's: 10).
 */
struct lapic_rate {
	uint32_t whole, fraction;
};

/*
 * On QEMU (TCG, -icount shift=0) a count of N at divide-by-1 fires N + 10 instructions after the
 * write, and lapic_timer_set writes it 13 instructions after its clock read: 23 ns, taken off
 * every count so that the interrupt comes when the HPET comparator's would.
 */
#define LAPIC_TIMER_LEAD_NS 23u

extern struct lapic_rate lapic_timer_rate;
extern uint32_t lapic_timer_whole;     /* the rate when it is whole, else 0 (the general case) */
extern uint32_t lapic_timer_lead;                 /* LAPIC_TIMER_LEAD_NS in APIC ticks */
extern volatile uint32_t *lapic_timer_initial;    /* this CPU's initial-count register */

/* These two are pure, so that a host test checks them. */

/* The rate from a calibration: `lapic_ticks` counted while the HPET counted `hpet_ticks` (> 0).
 * The fraction is rounded up: a rate too slow would fire before the deadline. */
static inline struct lapic_rate lapic_timer_rate_of(uint32_t lapic_ticks, uint32_t hpet_ticks)
{
	uint64_t rest = (uint64_t)(lapic_ticks % hpet_ticks) << 32;
	struct lapic_rate r = { lapic_ticks / hpet_ticks,
				(uint32_t)((rest + hpet_ticks - 1) / hpet_ticks) };

	return r;
}

/* The count for a deadline `ahead` HPET ticks from the clock just read (0 < ahead < 2^31), less
 * `lead`: at least 1 (0 would stop the timer), at most the furthest the register holds. */
static inline uint32_t lapic_timer_count(uint32_t ahead, struct lapic_rate r, uint32_t lead)
{
	uint32_t count, part = 0;

	if (__builtin_expect(r.fraction != 0, 0))
		part = (uint32_t)(((uint64_t)ahead * r.fraction) >> 32);
	if (__builtin_mul_overflow(ahead, r.whole, &count) || __builtin_add_overflow(count, part, &count))
		return 0xffffffffu;
	return count > lead ? count - lead : 1;
}

/* lapic_timer_set's general case, out of line: a rate with a fraction, a count beyond the
 * register or within the lead. */
void lapic_timer_set_count(uint32_t ahead);

/* As platform_timer_set (core/platform.h); a deadline already passed stops the timer, so that a
 * count set for an earlier one brings no interrupt. Inline, the case of a whole rate (QEMU's). */
static inline bool lapic_timer_set(uint32_t deadline)
{
	int32_t ahead = (int32_t)(deadline - hpet_counter_low());
	uint32_t count;

	if (__builtin_expect(ahead <= 0, 0)) {
		*lapic_timer_initial = 0;
		return false;
	}
	if (__builtin_expect(!__builtin_mul_overflow((uint32_t)ahead, lapic_timer_whole, &count) &&
			     count > lapic_timer_lead, 1))
		*lapic_timer_initial = count - lapic_timer_lead;
	else
		lapic_timer_set_count((uint32_t)ahead);
	return true;
}

/* Measures the rate against the HPET (hpet_init first), the timer masked; 0, or -1 with a
 * warning that the HPET is the timer when this one does not count. */
int lapic_timer_init(void);
/* On each CPU whose timer is the platform timer: divide-by-1, one-shot, to its vector, stopped. */
void lapic_timer_start(void);
/* "local APIC one-shot, F Hz (calibrated against HPET H Hz)" */
const char *lapic_timer_describe(void);

#endif
