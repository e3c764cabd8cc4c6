/*
 * Sampling source for a reader on another CPU (tests/configs/smp_ports.c): at the start of each
 * of its windows it writes the window's number, four copies of it, so that a reader sees whether
 * a sample came whole and which window wrote it.
 */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	uint32_t seen = 0, sample[4], errors = 0;
	int32_t port;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	port = bh_port_open("level", NULL);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start;

		seen = bh_window_next(seen, &start);
		for (int i = 0; i < 4; i++)
			sample[i] = seen;
		if (bh_sampling_write(port, sample, sizeof(sample)) != 0 && errors++ == 0)
			printf("window %u: the write failed\n", seen);
	}
}
