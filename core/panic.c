/* Kernel panic: report everything useful, then stop with the panic exit code. */
#include <stdarg.h>
#include <stddef.h>
#include <core/panic.h>
#include <core/console.h>
#include <core/platform.h>
#include <core/cpu.h>

static void report(const context_t *ctx, const char *fmt, va_list ap)
{
	/* the others stop: the report is the last thing the machine prints */
	cpu_mail_halt_others();
	kprintf("\nbulkhead: PANIC: ");
	vkprintf(fmt, ap);
	kprintf("\n");
	if (ctx)
		arch_dump_context(ctx);
	arch_backtrace(ctx);
	kprintf("bulkhead: system halted\n");
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(NULL, fmt, ap);
	va_end(ap);
	platform_panic_exit();
}

void panic_frame(const context_t *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(ctx, fmt, ap);
	va_end(ap);
	platform_panic_exit();
}

void spin_deadlock(const struct spinlock *l)
{
	panic("lock '%s' still held after %u turns of waiting for it: a deadlock", l->name,
	      SPIN_LIMIT);
}
