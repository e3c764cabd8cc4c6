/* The few string and memory helpers freestanding code needs; kernel and runtime share them. */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>
#include <stdint.h>

/* Word access to memory of any declared type. */
typedef uint32_t __attribute__((may_alias)) word_t;

/*
 * Copies `words` 32-bit words between word-aligned buffers: memcpy's bulk step. On i686 one
 * string instruction moves a word per iteration; callers keep DF clear (the kernel clears it on
 * entry, the ABI says so for partitions).
 */
static inline void copy_words(void *dst, const void *src, size_t words)
{
#if defined(__i386__)
	__asm__ volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
#else
	word_t *d = dst;
	const word_t *s = src;

	while (words--)
		*d++ = *s++;
#endif
}

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/* Copies at most size - 1 characters and always terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

#endif
