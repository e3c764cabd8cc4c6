/* Health monitor, action "warm restart": memory is kept, so `starts` counts every start. */
#include <bulkhead.h>

static uint32_t starts;

int main(void)
{
	starts++;
	printf("start %u\n", starts);
	__asm__ volatile("cli");                /* general protection */
	return 0;
}
