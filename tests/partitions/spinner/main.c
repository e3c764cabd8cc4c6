/* Spins in ring 3 for ever, so that an interrupt of the machine's can land in a partition
 * (configs nmi). */
#include <bulkhead.h>

int main(void)
{
	printf("spinning\n");
	for (;;)
		__asm__ volatile("" ::: "memory");
}
