/* Prints each of its window starts, for check_windows_on_time (configs console_slow, abi2). */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	uint32_t seen = 0;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	for (;;) {
		uint64_t start;

		seen = bh_window_next(seen, &start);
		printf("window %u start t=%llu ns\n", seen, start);
	}
}
