/* The pacer: see include/platform/pc/pacer.h. */
#include <stdint.h>
#include <pacer.h>
#include <hpet.h>
#include <core/platform.h>
#include <core/console.h>
#include <lib/string.h>

uint32_t pacer_option(const char *line)
{
	uint32_t period = 0;

	for (const char *p = line; *p;) {
		const char *end = p;

		while (*end && *end != ' ' && *end != '\t')
			end++;
		if (end - p > 6 && strncmp(p, "pacer=", 6) == 0) {
			uint64_t n = 0;
			const char *d = p + 6;

			while (d < end && *d >= '0' && *d <= '9' && n <= 0xffffffffu)
				n = n * 10 + (uint32_t)(*d++ - '0');
			period = d == end && n >= PACER_MIN_NS && n <= 0xffffffffu ? (uint32_t)n : 0;
		}
		p = *end ? end + 1 : end;
	}
	return period;
}

uint32_t pacer_period_ns;

void pacer_start(const char *cmdline)
{
	uint32_t period = pacer_option(cmdline);

	if (!period)
		return;
	if (hpet_pacer_start((uint32_t)platform_clock_ns_to_ticks(period)) != 0) {
		kprintf("bulkhead: warning: pacer=%u: HPET timer 1 cannot be periodic; no pacer\n",
			period);
		return;
	}
	pacer_period_ns = period;
}
