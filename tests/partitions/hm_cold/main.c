/* Health monitor, action "cold restart": memory is cleared, so `starts` is 1 at every start. */
#include <bulkhead.h>

static uint32_t starts;
static volatile uint32_t *const unmapped = (volatile uint32_t *)0x00001000;

int main(void)
{
	starts++;
	printf("start %u\n", starts);
	*unmapped = 1;   /* page fault: below the partition, nothing is mapped for it */
	return 0;
}
