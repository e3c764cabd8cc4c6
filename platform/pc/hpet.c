/*
 * HPET as the platform timer. Its main counter is the clock (ticks since boot) and timer 0 fires
 * once at an absolute counter value, so a deadline computed from the plan is programmed as it is:
 * no "now + delta" on the way, hence no drift.
 */
#include <stdint.h>
#include <stdbool.h>
#include <hpet.h>
#include <core/platform.h>
#include <core/debug_info.h>
#include <core/console.h>
#include <lib/format.h>

#define REG_CAPABILITIES 0x000
#define REG_CONFIG       0x010
#define REG_T0_CONFIG    0x100
#define REG_T1_CONFIG    0x120
#define REG_T1_COMPARE   0x128

#define CAP_COUNT_64BIT     (1u << 13)
#define CAP_LEGACY_ROUTE    (1u << 15)
#define CONFIG_ENABLE       (1u << 0)
#define CONFIG_LEGACY_ROUTE (1u << 1)
#define T0_INT_ENABLE       (1u << 2)
#define TN_PERIODIC         (1u << 3)
#define TN_PERIODIC_CAP     (1u << 4)
#define TN_SET_ACCUMULATOR  (1u << 6)
#define FS_PER_NS           1000000u
#define MAX_PERIOD_FS       100000000u   /* the HPET specification's upper bound */

static uint32_t period_fs;
static uint32_t ns_per_tick;      /* period_fs / 1e6 when that is exact, else 0 */
DEBUG_SYMBOL(clock_period_fs, period_fs);
DEBUG_SYMBOL(clock_ns_per_tick, ns_per_tick);
DEBUG_NUMBER(clock_counter, HPET_BASE + HPET_COUNTER);   /* the clock, 64 bits, readable */
static char description[48];
uint32_t hpet_deadline_low, hpet_compare_high;
uint32_t hpet_safe_ticks;

#define SAFE_NS 50000u

uint64_t platform_clock_ticks_to_ns(uint64_t ticks)
{
	if (ns_per_tick)
		return ticks * ns_per_tick;
	return ticks * period_fs / FS_PER_NS;
}

uint64_t platform_clock_ns_to_ticks(uint64_t ns)
{
	if (ns_per_tick)
		return ns / ns_per_tick;
	return ns * FS_PER_NS / period_fs;
}

void hpet_compare_across(uint32_t deadline)
{
	uint32_t high = hpet_upper_half(hpet_compare_high, hpet_deadline_low, deadline);

	/* in the order that never leaves the comparator behind the counter between the two
	 * writes: moving up, the upper half first; moving down, the lower */
	if (high > hpet_compare_high) {
		HPET_REG(HPET_T0_COMPARE + 4) = high;
		HPET_REG(HPET_T0_COMPARE) = deadline;
	} else {
		HPET_REG(HPET_T0_COMPARE) = deadline;
		HPET_REG(HPET_T0_COMPARE + 4) = high;
	}
	hpet_compare_high = high;
}

/*
 * No interrupt until the dispatcher starts: the comparator gets the largest value, not merely a
 * far one. Under gdb, QEMU with -icount sleep=off let the clock jump to a finite parked value
 * before the schedule started.
 */
static void park_comparator(void)
{
	hpet_compare_high = 0xffffffffu;
	HPET_REG(HPET_T0_COMPARE + 4) = 0xffffffffu;
	HPET_REG(HPET_T0_COMPARE) = 0xffffffffu;
}

void hpet_timer_start(uint64_t clock)
{
	/* the comparator's upper half becomes the clock's, its lower one stays the largest (still
	 * ahead of the clock) until the first deadline replaces it */
	hpet_deadline_low = (uint32_t)clock;
	hpet_compare_high = (uint32_t)(clock >> 32);
	HPET_REG(HPET_T0_COMPARE + 4) = hpet_compare_high;
}

void platform_clock_set(uint64_t ticks)
{
	uint32_t config = HPET_REG(REG_CONFIG);

	/* the counter may only be written while it is halted */
	HPET_REG(REG_CONFIG) = config & ~CONFIG_ENABLE;
	HPET_REG(HPET_COUNTER) = (uint32_t)ticks;
	HPET_REG(HPET_COUNTER + 4) = (uint32_t)(ticks >> 32);
	park_comparator();
	HPET_REG(REG_CONFIG) = config;
}

int hpet_pacer_start(uint32_t period)
{
	uint64_t first = hpet_counter() + period;

	if (!(HPET_REG(REG_T1_CONFIG) & TN_PERIODIC_CAP))
		return -1;
	/* periodic, its interrupt never enabled: it only counts its periods. With the accumulator
	 * bit set a comparator write sets the next match (each half needs it set again), without
	 * it the period */
	HPET_REG(REG_T1_CONFIG) = TN_PERIODIC | TN_SET_ACCUMULATOR;
	HPET_REG(REG_T1_COMPARE + 4) = (uint32_t)(first >> 32);
	HPET_REG(REG_T1_CONFIG) = TN_PERIODIC | TN_SET_ACCUMULATOR;
	HPET_REG(REG_T1_COMPARE) = (uint32_t)first;
	HPET_REG(REG_T1_COMPARE) = period;
	HPET_REG(REG_T1_COMPARE + 4) = 0;
	return 0;
}

const char *hpet_describe(void)
{
	return description;
}

uint32_t hpet_hz(void)
{
	return (uint32_t)(1000000000000000ull / period_fs);
}

int hpet_init(void)
{
	uint32_t caps = HPET_REG(REG_CAPABILITIES);

	period_fs = HPET_REG(REG_CAPABILITIES + 4);
	if (caps == 0xffffffffu || period_fs == 0 || period_fs > MAX_PERIOD_FS) {
		kprintf("bulkhead: no HPET at 0x%x (capabilities 0x%x, period %u fs)\n",
			HPET_BASE, caps, period_fs);
		return -1;
	}
	if (!(caps & CAP_COUNT_64BIT) || !(caps & CAP_LEGACY_ROUTE)) {
		kprintf("bulkhead: the HPET lacks a 64-bit counter or legacy routing (0x%x)\n", caps);
		return -1;
	}
	ns_per_tick = period_fs % FS_PER_NS == 0 ? period_fs / FS_PER_NS : 0;
	hpet_safe_ticks = (uint32_t)platform_clock_ns_to_ticks(SAFE_NS);

	HPET_REG(REG_CONFIG) = 0;
	HPET_REG(HPET_COUNTER) = 0;
	HPET_REG(HPET_COUNTER + 4) = 0;
	park_comparator();
	/* edge triggered, one-shot, 64-bit comparator */
	HPET_REG(REG_T0_CONFIG) = T0_INT_ENABLE;
	HPET_REG(REG_CONFIG) = CONFIG_ENABLE | CONFIG_LEGACY_ROUTE;

	format_string(description, sizeof(description), "HPET %u Hz one-shot", hpet_hz());
	return 0;
}
