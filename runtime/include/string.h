/*
 * <string.h> for partitions: the shared library's (include/lib/string.h: mem*, strlen, strcmp,
 * strncmp, strlcpy) and the copies and searches ARINC 653 programs use to fill NAME_TYPE fields
 * and messages (runtime/libc.c). Standard C semantics: strncpy pads with NULs and does not
 * terminate a source of n characters or more, which is what a full NAME_TYPE needs.
 */
#ifndef BULKHEAD_STRING_H
#define BULKHEAD_STRING_H

#pragma GCC system_header     /* #include_next is GCC's: a system header may use it */

#include_next <string.h>

char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *strcat(char *dst, const char *src);
char *strncat(char *dst, const char *src, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);

#endif
