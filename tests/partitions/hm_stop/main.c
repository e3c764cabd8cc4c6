/* Health monitor, default action: the partition is stopped. */
#include <bulkhead.h>

int main(void)
{
	printf("executing hlt\n");
	__asm__ volatile("hlt");
	printf("still running: wrong\n");
	return 0;
}
