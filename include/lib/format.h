/* printf-style formatting shared by the kernel console, the partition runtime and host tools. */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Takes the next n characters of the output (n >= 1): runs of text, not one call a character. */
typedef void (*format_sink_t)(void *arg, const char *run, size_t n);

/*
 * Conversions: %d %i %u %x %X %p %s %c %%; flags '-' and '0'; a field width
 * (digits or '*'); a precision for %s (digits or '*'); length modifiers l and ll (64-bit).
 * Returns the number of characters produced.
 */
int format(format_sink_t sink, void *arg, const char *fmt, va_list ap);

/* Formats into buf (always NUL-terminated when size > 0); returns the full length. */
int format_string(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vformat_string(char *buf, size_t size, const char *fmt, va_list ap);

#endif
