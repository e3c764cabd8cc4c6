/*
 * Faults in the last microseconds of each of its windows (the deployment restarts it warm):
 * the health monitor's work for the fault, its console line included, must not make the next
 * partition's window late.
 */
#include <bulkhead.h>

#define WINDOW_NS 100000u       /* its window (tests/configs/hm_late.c) */
#define LEAD_NS 2000u           /* how long before the window's end it faults */

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static uint32_t seen;           /* memory is kept across warm restarts */

int main(void)
{
	uint64_t start;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	/* a restart lands in the window that faulted: the next fault waits for the next window */
	seen = bh_window_next(seen, &start);
	while (bh_time_ns() < start + WINDOW_NS - LEAD_NS)
		;
	__asm__ volatile("ud2");
	return 0;
}
