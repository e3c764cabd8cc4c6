/*
 * Soak source: in each of its windows, BURST numbered messages on the queuing port "soak_q" and
 * the window's number on the sampling port "soak_s"; then it sleeps until the next window.
 */
#include <bulkhead.h>

#define BURST 4
#define REPORT_EVERY 100

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	int32_t queue, sample;
	uint32_t seen = 0, next = 0, full = 0;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	queue = bh_port_open("soak_q", NULL);
	sample = bh_port_open("soak_s", NULL);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start;

		seen = bh_window_next(seen, &start);
		printf("window %u start t=%llu ns\n", seen, start);
		for (int i = 0; i < BURST; i++) {
			if (bh_queuing_send(queue, &next, sizeof(next)) == 0)
				next++;
			else
				full++;
		}
		bh_sampling_write(sample, &seen, sizeof(seen));
		if (seen % REPORT_EVERY == 0)
			printf("window %u: sent %u messages, queue full %u times\n", seen, next, full);
	}
}
