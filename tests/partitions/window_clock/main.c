/* Prints the start of each of its windows, for check_windows_on_time (tests/configs/console_slow.c). */
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
