/* Test partitions' stack overflow: a recursion that only the stack's end stops. */
#ifndef TEST_PARTITIONS_RECURSE_H
#define TEST_PARTITIONS_RECURSE_H

#include <stdint.h>

/* never reached: it only keeps the compiler from calling the recursion infinite */
static volatile uint32_t recurse_deepest = 0xffffffffu;

/* 256 bytes of frame and more per level, until the vcpu faults below its stack. */
static uint32_t recurse(uint32_t n)
{
	volatile uint8_t frame[256];

	if (n == recurse_deepest)
		return 0;
	frame[0] = (uint8_t)n;
	return recurse(n + 1) + frame[0];
}

#endif
