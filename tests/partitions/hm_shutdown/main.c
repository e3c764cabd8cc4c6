/* Health monitor, action "shut down": in its 12th window it reports an application error. */
#include <bulkhead.h>

int main(void)
{
	struct bh_partition_status st;

	do
		bh_yield();
	while (bh_partition_status(BH_SELF, &st) == 0 && st.windows_entered < 12);
	printf("reporting error 7 in window %u\n", st.windows_entered);
	bh_hm_report(7);
	printf("still running after the shutdown action: wrong\n");
	return 0;
}
