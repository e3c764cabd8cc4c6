/*
 * A partition of the short-window deployment (tests/configs/short_windows.c), which has nothing
 * but 10 us windows. Loaded in them, it starts part way into a window; it says so at the start
 * of its next window (so that no console write of its own runs into the window after the one it
 * started in), then prints each window's start. With FAULT_RESTARTS n, it faults (page fault,
 * action cold restart) in its third window after each of its first n starts, so that it is
 * reloaded in 10 us windows too.
 */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	struct bh_partition_status st = { 0 };
	uint32_t seen, windows = 0;
	uint64_t start;

	bh_partition_status(BH_SELF, &st);
	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	bh_set_mode(BH_MODE_NORMAL);
	seen = bh_window_next(0, &start);
	for (;;) {
		seen = bh_window_next(seen, &start);
		if (!windows++)
			printf("started after %u restarts, in window %u\n", st.restarts,
			       st.windows_entered);
		printf("window %u start t=%llu ns\n", seen, start);
#ifdef FAULT_RESTARTS
		if (windows == 3 && st.restarts < FAULT_RESTARTS)
			*(volatile uint32_t *)0x00001000 = 1;   /* nothing is mapped below the partition */
#endif
	}
}
