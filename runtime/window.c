/* Noticing a new window of the partition from inside it. */
#include <bulkhead.h>

int bh_window_begins(struct bh_window_watch *w)
{
	struct bh_partition_status before, after;
	uint32_t seen = w->count;
	uint64_t now;

	/* the time must come from inside the window it is reported for: retry across a switch */
	do {
		if (bh_partition_status(BH_SELF, &before) != 0)
			return 0;
		now = bh_time_ns();
		if (bh_partition_status(BH_SELF, &after) != 0)
			return 0;
	} while (before.windows_entered != after.windows_entered);
	if (after.windows_entered == seen)
		return 0;
	/* several vcpus may watch: exactly one of them claims the new window */
	if (!__atomic_compare_exchange_n(&w->count, &seen, after.windows_entered, 0,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return 0;
	w->start_ns = now;
	return 1;
}
