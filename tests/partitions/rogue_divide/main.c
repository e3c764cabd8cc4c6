/* Hostile: divides by zero. */
#include <bulkhead.h>

int main(void)
{
	volatile uint32_t dividend = 1, zero = 0;

	printf("dividing by zero\n");
	printf("quotient %u: no exception\n", dividend / zero);
	return 0;
}
