/* Health monitor, action "log": an application error is logged and the partition goes on; a
 * divide error is logged and halts the faulting vcpu. */
#include <bulkhead.h>

int main(void)
{
	volatile uint32_t dividend = 1, zero = 0;

	printf("report: %d\n", bh_hm_report(42));
	printf("continued after the report\n");
	printf("quotient %u\n", dividend / zero);
	printf("continued after the divide error: wrong\n");
	return 0;
}
