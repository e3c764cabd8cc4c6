/*
 * Recurses on vcpu 0 until its stack runs into the guard page below it: the health monitor must
 * report a stack overflow at the guard page and take the deployment's action (a cold restart,
 * then, past the restart limit, a stop).
 */
#include <bulkhead.h>

/* never reached: it only keeps the compiler from calling the recursion infinite */
static volatile uint32_t deepest = 0xffffffffu;

static uint32_t depth(uint32_t n)
{
	volatile uint8_t frame[256];

	if (n == deepest)
		return 0;
	frame[0] = (uint8_t)n;
	return depth(n + 1) + frame[0];
}

int main(void)
{
	uint32_t esp;

	__asm__ volatile("movl %%esp, %0" : "=r"(esp));
	printf("recursing from esp 0x%x\n", esp);
	printf("returned %u: no overflow\n", depth(0));
	return 0;
}
