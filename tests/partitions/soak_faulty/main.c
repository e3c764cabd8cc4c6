/*
 * Soak's faulty partition: in every FAULT_EVERY-th of its windows it executes an invalid
 * instruction. The deployment warm-restarts it; its memory, and so its count, survives.
 */
#include <bulkhead.h>

#define FAULT_EVERY 10

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static uint32_t seen;   /* kept across warm restarts */

int main(void)
{
	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start;

		seen = bh_window_next(seen, &start);
		printf("window %u start t=%llu ns\n", seen, start);
		if (seen % FAULT_EVERY == 0)
			__asm__ volatile("ud2");
	}
}
