/*
 * The platform timer's source (include/platform/pc/timer_source.h): chosen once at boot, before
 * the banner names it; core sees only platform_timer_set/start/describe either way.
 */
#include <stdbool.h>
#include <timer_source.h>
#include <lapic.h>
#include <lapic_timer.h>
#include <hpet.h>
#include <pacer.h>
#include <cpus.h>
#include <platform_irq.h>
#include <core/boot_info.h>
#include <core/console.h>
#include <core/platform.h>
#include <lib/format.h>

bool timer_source_lapic;

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
	pacer_start(boot_info.cmdline);
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
	static char line[128];
	const char *source = timer_source_lapic ? lapic_timer_describe() : hpet_describe();

	if (!pacer_period_ns)
		return source;
	format_string(line, sizeof(line), "%s; pacer every %u ns", source, pacer_period_ns);
	return line;
}
