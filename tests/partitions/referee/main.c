/*
 * Ends a run when a partition stops. A system partition: at each of its windows it reads every
 * partition's status, and the first time another one is IDLE (stopped itself when done, or was
 * stopped by the health monitor) it names it and shuts the system down, with the kernel's summary.
 */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	uint32_t self = bh_partition_id(), seen = 0;
	struct bh_partition_status st;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start;

		seen = bh_window_next(seen, &start);
		for (uint32_t id = 0; bh_partition_status(id, &st) == 0; id++) {
			if (id == self || st.mode != BH_MODE_IDLE)
				continue;
			printf("partition %u is IDLE after %u windows; shutting down\n", id,
			       st.windows_entered);
			bh_shutdown();
		}
	}
}
