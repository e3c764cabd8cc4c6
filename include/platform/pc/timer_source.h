/*
 * Which device is the platform timer (platform_timer.c): the HPET's comparator, unless
 * `timer=lapic` on the kernel command line asks for the local APIC's one-shot timer and the CPU
 * has one (the firmware's tables found one, or CPUID says so). The HPET's counter is the clock
 * either way. The HPET stays the default while every partition runs on CPU 0: the local APIC's
 * calibration costs the boot 200 us and each timer setting a few instructions, for nothing one
 * CPU needs; the multicore dispatcher gives each CPU its local APIC's.
 */
#ifndef PLATFORM_PC_TIMER_SOURCE_H
#define PLATFORM_PC_TIMER_SOURCE_H

#include <stdint.h>
#include <stdbool.h>
#include <lib/string.h>

/* Whether the local APIC timer is the platform timer (else the HPET comparator). */
extern bool timer_source_lapic;

enum timer_option {
	TIMER_OPTION_NONE,      /* no timer= option: the HPET */
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
