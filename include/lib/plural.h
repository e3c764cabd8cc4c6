/* "1 window", "2 windows": the ending a count's noun takes in the kernel's lines. */
#ifndef LIB_PLURAL_H
#define LIB_PLURAL_H

#include <stdint.h>

/* printf("%u window%s", n, plural(n)) */
static inline const char *plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

#endif
