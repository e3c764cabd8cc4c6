/*
 * Yields without end, a dispatch record each time: far more than the idle gaps can stream. Prints
 * each window's start (from the window-start upcall) so the tests can time them.
 */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	uint32_t seen = 0;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	for (;;) {
		uint64_t start;
		uint32_t window = bh_window_current(&start);

		if (window != seen) {
			seen = window;
			printf("window %u start t=%llu ns\n", window, start);
		}
		bh_yield();
	}
}
