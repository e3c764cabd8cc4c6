/*
 * Sampling destination on another CPU than its writer (tests/partitions/smp_swriter), its window
 * starting while the writer's is open: in each window it reads once and checks that the sample
 * is whole (four equal words) and the one the writer wrote at the start of its window of the same
 * frame. Reports every REPORT_EVERY windows.
 */
#include <bulkhead.h>

#define REPORT_EVERY 100

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	uint32_t seen = 0, sample[4], reads = 0, current = 0, torn = 0, failed = 0;
	int32_t port;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	port = bh_port_open("level", NULL);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start;

		seen = bh_window_next(seen, &start);
		if (bh_sampling_read(port, sample, sizeof(sample), NULL) != sizeof(sample)) {
			failed++;
		} else {
			reads++;
			torn += sample[1] != sample[0] || sample[2] != sample[0] || sample[3] != sample[0];
			current += sample[0] == seen;
		}
		if (seen % REPORT_EVERY == 0)
			printf("window %u: %u reads, %u of this frame's sample, %u torn, %u failed\n", seen,
			       reads, current, torn, failed);
	}
}
