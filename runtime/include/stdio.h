/*
 * <stdio.h> for partitions (docs/apex_binding.md, "The C library"): the console output that
 * programs written for other systems (ARINC 653 applications) call printf for, and formatting
 * into memory. Output goes to the partition's console, each line prefixed with its name; there
 * are no files and no input.
 */
#ifndef BULKHEAD_STDIO_H
#define BULKHEAD_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

/* runtime/printf.c */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int puts(const char *s);
/* runtime/libc.c */
int putchar(int c);
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vsprintf(char *buf, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
