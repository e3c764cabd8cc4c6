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

int vkprintf(const char *fmt, va_list ap)
{
	return format(console_sink, NULL, fmt, ap);
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
