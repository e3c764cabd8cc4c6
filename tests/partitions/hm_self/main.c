/*
 * Restarts it asks for itself: ten warm restarts (memory kept) and one cold one (memory
 * reloaded), far more than the deployment's restart limit of 3 a second. The kernel counts them
 * apart from the health monitor's restarts, and the limit does not apply to them.
 */
#include <bulkhead.h>

#define WARM 10

int main(void)
{
	struct bh_partition_status st;

	if (bh_partition_status(BH_SELF, &st) != 0) {
		printf("partition_status failed\n");
		return 0;
	}
	printf("start: restarts %u, requested restarts %u\n", st.restarts, st.requested_restarts);
	if (st.requested_restarts < WARM)
		bh_set_mode(BH_MODE_WARM_START);
	else if (st.requested_restarts == WARM)
		bh_set_mode(BH_MODE_COLD_START);
	printf("settled after %u requested restarts\n", st.requested_restarts);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;)
		bh_yield();
}
