/* Queuing port destination: checks every sequence number for loss, duplication and order. */
#include <bulkhead.h>
#include "../sequence.h"

#define MESSAGES 100000u

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	struct sequence seq = { 0 };
	uint32_t value;
	int32_t port, n;
	uint64_t before;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	port = bh_port_open("stream", NULL);
	printf("empty receive: %d\n", bh_queuing_receive(port, &value, sizeof(value), 0));
	before = bh_time_ns();
	n = bh_queuing_receive(port, &value, sizeof(value), 50);
	printf("receive with 50 us timeout: %d after %llu ns\n", n, bh_time_ns() - before);
	printf("receive into a 1-byte buffer: %d\n", bh_queuing_receive(port, &value, 1, 0));
	while (seq.received < MESSAGES) {
		n = bh_queuing_receive(port, &value, sizeof(value), 0);
		if (n == BH_EAGAIN) {
			bh_vint_block();
			continue;
		}
		if (n != sizeof(value)) {
			printf("receive failed: %d\n", n);
			break;
		}
		sequence_note(&seq, value);
	}
	printf("received %u, lost %u, duplicated %u, reordered %u\n", seq.received, seq.lost,
	       seq.duplicated, seq.reordered);
	for (;;)
		bh_vint_block();
}
