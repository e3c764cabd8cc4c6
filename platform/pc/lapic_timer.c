/*
 * The local APIC's one-shot timer as the platform timer (include/platform/pc/lapic_timer.h). Its
 * rate is measured once, on the boot CPU, against the HPET: every CPU's APIC timer counts the
 * same bus clock, so each CPU starts its own timer (lapic_timer_start) with the one rate.
 */
#include <stdint.h>
#include <lapic.h>
#include <lapic_timer.h>
#include <hpet.h>
#include <platform_irq.h>
#include <core/console.h>
#include <core/platform.h>
#include <lib/format.h>

/*
 * The two ends of the measurement see the HPET's tick each within a turn of the poll loop (3
 * instructions: under -icount, 0 to 2 of QEMU's APIC ticks), so they may differ by 2 of the
 * 200,000 APIC ticks counted in 200 us, 10 kHz; the figure is rounded to ROUND_HZ, far coarser
 * than that (under -icount it is then exact: 1 GHz) and finer than any bus clock's step (25,
 * 100, 19.2 or 24 MHz are whole multiples of it). 200 us: the boot's cost.
 */
#define CALIBRATION_NS 200000u
#define ROUND_HZ 100000u
#define NS_PER_S 1000000000u

struct lapic_rate lapic_timer_rate;
uint32_t lapic_timer_whole;
uint32_t lapic_timer_lead;
volatile uint32_t *lapic_timer_initial;
static uint32_t lapic_hz;
static char description[80];

/* The APIC timer's count when the HPET's low half reaches `tick`: the same instructions for both
 * ends of the measurement, so that their delays cancel. */
static uint32_t count_at(uint32_t tick, const volatile uint32_t *current)
{
	while ((int32_t)(hpet_counter_low() - tick) < 0)
		;
	return *current;
}

int lapic_timer_init(void)
{
	const volatile uint32_t *current = lapic_register(LAPIC_REG_TIMER_CURRENT);
	uint32_t ticks = (uint32_t)platform_clock_ns_to_ticks(CALIBRATION_NS), start, first, last;

	lapic_enable();
	lapic_timer_initial = lapic_register(LAPIC_REG_TIMER_INITIAL);
	*lapic_register(LAPIC_REG_TIMER_DIVIDE) = LAPIC_TIMER_DIVIDE_1;
	*lapic_register(LAPIC_REG_LVT_TIMER) = LAPIC_LVT_MASKED | PLATFORM_IRQ_LOCAL_TIMER_VECTOR;
	*lapic_timer_initial = 0xffffffffu;
	start = hpet_counter_low() + 1;
	first = count_at(start, current);
	last = count_at(start + ticks, current);
	*lapic_timer_initial = 0;
	if (first <= last || first == 0xffffffffu) {
		kprintf("bulkhead: warning: the local APIC timer did not count (%u then %u): the HPET "
			"is the timer\n", first, last);
		return -1;
	}
	lapic_hz = (uint32_t)(((uint64_t)(first - last) * hpet_hz() / ticks + ROUND_HZ / 2) /
			      ROUND_HZ * ROUND_HZ);
	lapic_timer_rate = lapic_timer_rate_of(lapic_hz, hpet_hz());
	lapic_timer_whole = lapic_timer_rate.fraction ? 0 : lapic_timer_rate.whole;
	lapic_timer_lead = (uint32_t)((uint64_t)LAPIC_TIMER_LEAD_NS * lapic_hz / NS_PER_S);
	format_string(description, sizeof(description),
		      "local APIC one-shot, %u Hz (calibrated against HPET %u Hz)", lapic_hz, hpet_hz());
	return 0;
}

void lapic_timer_set_count(uint32_t ahead)
{
	*lapic_timer_initial = lapic_timer_count(ahead, lapic_timer_rate, lapic_timer_lead);
}

void lapic_timer_start(void)
{
	*lapic_register(LAPIC_REG_TIMER_DIVIDE) = LAPIC_TIMER_DIVIDE_1;
	*lapic_register(LAPIC_REG_LVT_TIMER) = PLATFORM_IRQ_LOCAL_TIMER_VECTOR;
	*lapic_timer_initial = 0;
}

const char *lapic_timer_describe(void)
{
	return description;
}
