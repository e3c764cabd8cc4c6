/* The kernel console: formatted output on the arch's serial port. */
#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

#include <stdarg.h>
#include <stdint.h>

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vkprintf(const char *fmt, va_list ap);
/* Clock ticks `chars` characters of kprintf take at most, from the slowest seen so far (the boot
 * messages give a first measure before any partition runs). */
uint64_t console_cost(uint32_t chars);

#endif
