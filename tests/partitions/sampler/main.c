/* Sampling port source: writes the window number in odd windows only, so even ones go stale. */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	uint64_t start;
	uint32_t seen = 0, window;
	int32_t port;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	port = bh_port_open("gauge", NULL);
	for (;;) {
		window = bh_window_current(&start);
		if (window != seen && window % 2 == 1 && window <= 40) {
			int32_t err = bh_sampling_write(port, &window, sizeof(window));

			printf("wrote %u at %llu ns: %d\n", window, bh_time_ns(), err);
		}
		seen = window;
		bh_vint_block();
	}
}
