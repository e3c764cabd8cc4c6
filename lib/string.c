/* Memory and string helpers for freestanding code (the compiler also calls memcpy/memset). */
#include <lib/string.h>
#include <stdint.h>

static int word_aligned(const void *a, const void *b)
{
	return (((uintptr_t)a | (uintptr_t)b) & (sizeof(word_t) - 1)) == 0;
}

/* Bulk words (see copy_words): partition loads and message copies are hot paths. */
static void fill_words(word_t *d, word_t pattern, size_t words)
{
#if defined(__i386__)
	__asm__ volatile("rep stosl" : "+D"(d), "+c"(words) : "a"(pattern) : "memory");
#else
	while (words--)
		*d++ = pattern;
#endif
}

/* A word at a time when both ends allow it. */
void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (word_aligned(d, s)) {
		size_t words = n / sizeof(word_t);

		copy_words(d, s, words);
		d += words * sizeof(word_t);
		s += words * sizeof(word_t);
		n -= words * sizeof(word_t);
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d < s)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	if (word_aligned(d, d)) {
		size_t words = n / sizeof(word_t);

		fill_words((word_t *)d, (unsigned char)c * 0x01010101u, words);
		d += words * sizeof(word_t);
		n -= words * sizeof(word_t);
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
