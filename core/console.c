/* Kernel console: the shared formatter writing to the arch's serial port. */
#include <core/console.h>
#include <core/platform.h>
#include <lib/format.h>

/* Runs go to the port whole, a line end as CR LF: a run costs one look at the port's status per
 * FIFO's worth (platform_console_write), where a character at a time cost one each. */
static void console_sink(void *arg, const char *run, size_t n)
{
	const char *end = run + n;

	(void)arg;
	while (run < end) {
		const char *line_end = run;

		while (line_end < end && *line_end != '\n')
			line_end++;
		if (line_end > run)
			platform_console_write(run, (uint32_t)(line_end - run));
		if (line_end == end)
			break;
		platform_console_write("\r\n", 2);
		run = line_end + 1;
	}
}

/* The slowest a character of kprintf has been, in clock ticks (the port's speed, mostly). */
static uint64_t slowest_char;

int vkprintf(const char *fmt, va_list ap)
{
	uint64_t start = platform_clock_now(), took;
	int n = format(console_sink, NULL, fmt, ap);

	took = platform_clock_now() - start;
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
