/*
 * Recurses on vcpu 0 until its stack runs into the guard page below it: the health monitor must
 * report a stack overflow at the guard page and take the deployment's action (a cold restart,
 * then, past the restart limit, a stop).
 */
#include <bulkhead.h>
#include "../recurse.h"

int main(void)
{
	uint32_t esp;

	__asm__ volatile("movl %%esp, %0" : "=r"(esp));
	printf("recursing from esp 0x%x\n", esp);
	printf("returned %u: no overflow\n", recurse(0));
	return 0;
}
