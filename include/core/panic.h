/* The kernel's last words: the cause, the registers, a backtrace, then the machine stops. */
#ifndef CORE_PANIC_H
#define CORE_PANIC_H

#include <core/arch.h>

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* The same, for a fault: `ctx` holds the registers at the faulting instruction. */
void panic_frame(const context_t *ctx, const char *fmt, ...)
	__attribute__((noreturn, format(printf, 2, 3)));

#endif
