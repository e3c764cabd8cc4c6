/*
 * The C library functions programs written for other systems (ARINC 653 applications) call
 * beyond printf, snprintf, puts and the shared mem*, str* helpers: declared in runtime/include's
 * <stdio.h>, <string.h> and <stdlib.h> (docs/apex_binding.md, "The C library"). Standard C
 * semantics; they keep no state, so they are safe on every vcpu as their arguments are. Each is
 * weak: a program that brings its own (a habit of embedded code) links with its own.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <format.h>

__attribute__((weak)) int putchar(int c)
{
	printf("%c", c);
	return (unsigned char)c;
}

__attribute__((weak)) int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vformat_string(buf, size, fmt, ap);
}

__attribute__((weak)) int vsprintf(char *buf, const char *fmt, va_list ap)
{
	return vformat_string(buf, SIZE_MAX, fmt, ap);
}

__attribute__((weak)) int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}

__attribute__((weak)) char *strcpy(char *dst, const char *src)
{
	memcpy(dst, src, strlen(src) + 1);
	return dst;
}

__attribute__((weak)) char *strncpy(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dst[i] = src[i];
	memset(dst + i, 0, n - i);
	return dst;
}

__attribute__((weak)) char *strcat(char *dst, const char *src)
{
	memcpy(dst + strlen(dst), src, strlen(src) + 1);
	return dst;
}

__attribute__((weak)) char *strncat(char *dst, const char *src, size_t n)
{
	char *end = dst + strlen(dst);
	size_t i = 0;

	for (; i < n && src[i]; i++)
		end[i] = src[i];
	end[i] = 0;
	return dst;
}

__attribute__((weak)) char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

__attribute__((weak)) char *strrchr(const char *s, int c)
{
	const char *found = NULL;

	for (;; s++) {
		if (*s == (char)c)
			found = s;
		if (!*s)
			return (char *)found;
	}
}

__attribute__((weak)) long atol(const char *s)
{
	unsigned long v = 0;
	bool negative;

	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	negative = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (unsigned long)(*s - '0');
	return negative ? -(long)v : (long)v;
}

__attribute__((weak)) int atoi(const char *s)
{
	return (int)atol(s);
}
