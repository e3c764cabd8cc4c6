/* The time-stamp counter: the cycle clock a partition reads itself (rdtsc is allowed in ring 3). */
#include <core/arch.h>

uint64_t arch_cycles(void)
{
	uint32_t low, high;

	__asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
	return (uint64_t)high << 32 | low;
}
