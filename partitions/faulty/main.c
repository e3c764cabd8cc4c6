/*
 * Demo faulty partition: two windows after each start it dereferences NULL. The deployment has
 * the health monitor restart it cold, at most three times; then it is stopped for good while
 * everything else runs on.
 */
#include <bulkhead.h>

static uint32_t starts;   /* zero again after every cold restart: memory is reloaded */
static volatile int *volatile null;   /* volatile: the compiler must not see the fault coming */

int main(void)
{
	struct bh_partition_status st;
	uint32_t first;

	starts++;
	bh_partition_status(BH_SELF, &st);
	first = st.windows_entered;
	printf("started (start %u since load, restart %u), will fault in 2 windows\n", starts,
	       st.restarts);
	while (bh_partition_status(BH_SELF, &st) == 0 && st.windows_entered < first + 2)
		bh_yield();
	printf("dereferencing NULL\n");
	return *null;
}
