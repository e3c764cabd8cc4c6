/*
 * Which device is the platform timer (platform_timer.c): the local APIC's one-shot timer where
 * the CPU has a local APIC (the firmware's tables found one, or CPUID says so), else the HPET's
 * comparator; `timer=hpet` or `timer=lapic` on the kernel command line forces one. The HPET's
 * counter is the clock either way.
 */
#ifndef PLATFORM_PC_TIMER_SOURCE_H
#define PLATFORM_PC_TIMER_SOURCE_H

#include <stdint.h>
#include <stdbool.h>
#include <lib/string.h>

/* Whether the local APIC timer is the platform timer (else the HPET comparator). */
extern bool timer_source_lapic;

enum timer_option {
	TIMER_OPTION_NONE,      /* no timer= option: the machine decides */
	TIMER_OPTION_HPET,
	TIMER_OPTION_LAPIC,
	TIMER_OPTION_INVALID,   /* the option with another value, given back in `value` */
};

/*
 * The last timer= option on a command line ("[path] option=value ..."); pure, so that a host
 * test checks it. `value`/`length`: the value as written, for a warning.
 */
static inline enum timer_option timer_source_option(const char *line, const char **value,
						     uint32_t *length)
{
	enum timer_option last = TIMER_OPTION_NONE;

	for (const char *p = line; *p;) {
		const char *end = p;

		while (*end && *end != ' ' && *end != '\t')
			end++;
		if (end - p >= 6 && strncmp(p, "timer=", 6) == 0) {
			*value = p + 6;
			*length = (uint32_t)(end - *value);
			if (*length == 4 && strncmp(*value, "hpet", 4) == 0)
				last = TIMER_OPTION_HPET;
			else if (*length == 5 && strncmp(*value, "lapic", 5) == 0)
				last = TIMER_OPTION_LAPIC;
			else
				last = TIMER_OPTION_INVALID;
		}
		p = *end ? end + 1 : end;
	}
	return last;
}

/* Chooses the timer and brings it up (the HPET's counter is up already); the command line
 * first, then the machine. */
void timer_source_init(void);
/* Whether the platform timer's interrupt is raised and not yet taken. */
bool timer_source_pending(void);

#endif
