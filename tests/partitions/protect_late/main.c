/*
 * Hostile to the next window: from a few microseconds before each of its windows ends, calls
 * memory_protect over nearly all of its 4 MiB, again and again (the raw hypercall, not the
 * runtime's loop). Each call changes at most 64 pages, so none may keep the kernel long enough
 * to make the sensor's window after it late.
 */
#include <bulkhead.h>

#define WINDOW_NS 100000u       /* its window (tests/configs/protect_late.c) */

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
extern char __partition_end[];

int main(void)
{
	uint32_t seen = 0, first = (BH_PTR(__partition_end) + BH_PAGE_SIZE - 1) & ~(BH_PAGE_SIZE - 1);
	/* up to vcpu 0's stack and its guard page (16 KiB and 4 KiB below the top) */
	uint32_t len = BH_PARTITION_BASE + (4u << 20) - 20 * 1024 - first;
	uint64_t start;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	printf("protecting [0x%08x, +0x%x) at each window's end\n", first, len);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint32_t lead_ns, calls = 0;
		int32_t last = 0;

		seen = bh_window_next(seen, &start);
		/* from 1 to 8 us before the end, so that the calls meet the boundary at every phase */
		lead_ns = 1000u + (seen % 8) * 1000u;
		while (bh_time_ns() < start + WINDOW_NS - lead_ns)
			;
		while (bh_window_current(&start) == seen) {
			last = bh_hypercall(BH_HC_MEMORY_PROTECT, first, len, BH_PROT_READ | BH_PROT_WRITE, 0);
			calls++;
		}
		if (seen % 5 == 0)
			printf("window %u: %u calls, the last returned %d\n", seen, calls, last);
	}
}
