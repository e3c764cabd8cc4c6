/*
 * The hypercall fuzzer's partner: the other end of its four ports. Each window it drains whatever
 * the fuzzer sent (any length, any bytes), reads its sample, and sends it one sequenced message
 * and one sample, so the fuzzer's receives and reads find something. Reports every 100 windows.
 */
#include <bulkhead.h>

#define REPORT_EVERY 100

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	int32_t from_q = bh_port_open("fuzz_out_q", NULL), from_s = bh_port_open("fuzz_out_s", NULL);
	int32_t to_q = bh_port_open("fuzz_in_q", NULL), to_s = bh_port_open("fuzz_in_s", NULL);
	uint32_t seen = 0, received = 0, bytes = 0, samples = 0, sent = 0, full = 0, errors = 0;
	uint8_t buffer[64];
	int32_t n;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	printf("ports: %d %d %d %d\n", from_q, from_s, to_q, to_s);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start;

		/* doorbells and port lines wake it too: bh_window_next sleeps through them */
		seen = bh_window_next(seen, &start);
		while ((n = bh_queuing_receive(from_q, buffer, sizeof(buffer), 0)) >= 0) {
			received++;
			bytes += (uint32_t)n;
		}
		errors += n != BH_EAGAIN;
		n = bh_sampling_read(from_s, buffer, sizeof(buffer), NULL);
		if (n >= 0)
			samples++;
		else
			errors += n != BH_EAGAIN;
		n = bh_queuing_send(to_q, &sent, sizeof(sent));
		if (n == 0)
			sent++;
		else if (n == BH_ENOSPC)
			full++;
		else
			errors++;
		errors += bh_sampling_write(to_s, &sent, sizeof(sent)) != 0;
		if (seen % REPORT_EVERY == 0)
			printf("window %u: received %u messages (%u bytes), read %u samples, sent %u, "
			       "queue full %u, errors %u\n", seen, received, bytes, samples, sent, full,
			       errors);
	}
}
