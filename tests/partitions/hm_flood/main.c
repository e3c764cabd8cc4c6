/* Fills the health-monitor log: 300 application errors in a row (configs hm_census, action log). */
#include <bulkhead.h>

int main(void)
{
	for (uint32_t i = 0; i < 300; i++)
		bh_hm_report(i);
	printf("300 errors reported\n");
	for (;;)
		bh_yield();
}
