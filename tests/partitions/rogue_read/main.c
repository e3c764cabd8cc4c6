/* Hostile: reads the kernel's text, mapped supervisor-only. */
#include <bulkhead.h>

int main(void)
{
	printf("reading kernel memory at 0x00100000\n");
	printf("read 0x%x: isolation broken\n", *(volatile uint32_t *)0x00100000);
	return 0;
}
