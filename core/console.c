/* Kernel console: the shared formatter writing to the arch's serial port. */
#include <core/console.h>
#include <core/arch.h>
#include <lib/format.h>

static void console_sink(void *arg, char c)
{
	(void)arg;
	if (c == '\n')
		arch_console_putc('\r');
	arch_console_putc(c);
}

/* The slowest a character of kprintf has been, in clock ticks (the port's speed, mostly). */
static uint64_t slowest_char;

int vkprintf(const char *fmt, va_list ap)
{
	uint64_t start = arch_clock_now(), took;
	int n = format(console_sink, NULL, fmt, ap);

	took = arch_clock_now() - start;
	if (n > 0 && took / (uint32_t)n > slowest_char)
		slowest_char = took / (uint32_t)n;
	return n;
}

uint64_t console_cost(uint32_t chars)
{
	return slowest_char * chars;
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vkprintf(fmt, ap);
	va_end(ap);
	return n;
}
