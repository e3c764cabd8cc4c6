/*
 * The platform timer's source (include/platform/pc/timer_source.h): chosen once at boot, before
 * the banner names it; core sees only platform_timer_set/start/describe either way.
 */
#include <stdbool.h>
#include <timer_source.h>
#include <lapic.h>
#include <lapic_timer.h>
#include <hpet.h>
#include <cpus.h>
#include <platform_irq.h>
#include <core/boot_info.h>
#include <core/console.h>
#include <core/platform.h>

bool timer_source_lapic;

/*
 * QEMU's single-threaded TCG (the project's emulator, -icount) runs one CPU at a time, each for a
 * share of the time to the next deadline of any of its timers, in a fixed order; a CPU whose timer
 * has come due waits for the CPUs before it to use up their shares, which can last until the
 * running partition's window ends. An HPET timer that only counts periods, with no interrupt,
 * makes a deadline every PACER_PERIOD_NS, so that the wait is at most about that: measured
 * (tests/suites/test_smp.py), windows on 4 CPUs start within a few microseconds of their plan
 * instead of milliseconds late. On hardware, where the CPUs run at once, it costs nothing: the
 * comparator matches and nothing is raised.
 */
#define PACER_PERIOD_NS 2000u

void timer_source_init(void)
{
	const char *value = "";
	uint32_t length = 0;
	enum timer_option option = timer_source_option(boot_info.cmdline, &value, &length);
	bool lapic = option == TIMER_OPTION_LAPIC && cpus_have_lapic();

	if (option == TIMER_OPTION_INVALID)
		kprintf("bulkhead: warning: timer=%.*s is neither hpet nor lapic: the HPET is the "
			"timer\n", (int)length, value);
	if (option == TIMER_OPTION_LAPIC && !lapic)
		kprintf("bulkhead: warning: timer=lapic, but this CPU has no local APIC: the HPET is "
			"the timer\n");
	if (lapic && lapic_timer_init() != 0)
		lapic = false;
	/* the HPET's line stays quiet otherwise (its comparator parked): masked, it is not waited on */
	if (lapic)
		platform_irq_mask(PLATFORM_IRQ_TIMER);
	timer_source_lapic = lapic;
}

bool timer_source_pending(void)
{
	return timer_source_lapic && lapic_pending(PLATFORM_IRQ_LOCAL_TIMER_VECTOR);
}

bool platform_timer_per_cpu(void)
{
	if (!timer_source_lapic) {
		if (!cpus_have_lapic() || lapic_timer_init() != 0)
			return false;
		/* the HPET's comparator is parked (never started): its line stays quiet */
		platform_irq_mask(PLATFORM_IRQ_TIMER);
		timer_source_lapic = true;
	}
	/* under an emulator that runs one CPU at a time, the pacer's periods bound how long a CPU
	 * whose interrupt has come waits for another's turn to end (docs/smp.md) */
	if (hpet_pacer_start((uint32_t)platform_clock_ns_to_ticks(PACER_PERIOD_NS)) != 0)
		kprintf("bulkhead: warning: HPET timer 1 cannot be periodic: no pacer for the other "
			"CPUs' interrupts\n");
	return true;
}

void platform_timer_start_cpu(void)
{
	lapic_timer_start();
}

void platform_timer_start(uint64_t clock)
{
	if (timer_source_lapic)
		lapic_timer_start();
	else
		hpet_timer_start(clock);
}

const char *platform_timer_describe(void)
{
	return timer_source_lapic ? lapic_timer_describe() : hpet_describe();
}
