/*
 * Queuing port source: 100,000 messages carrying sequence numbers, sent as fast as the queue takes
 * them; a full queue answers BH_ENOSPC and the sender sleeps until its next window.
 */
#include <bulkhead.h>

#define MESSAGES 100000u

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	struct bh_port_info info;
	int32_t port, err;
	uint32_t next = 0, full = 0;
	uint8_t oversized[64] = { 0 };

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	port = bh_port_open("stream", &info);
	printf("stream: handle %d, depth %u, max %u\n", port, info.depth, info.max_message);
	printf("oversized send: %d\n", bh_queuing_send(port, oversized, info.max_message + 1));
	while (next < MESSAGES) {
		err = bh_queuing_send(port, &next, sizeof(next));
		if (err == 0) {
			next++;
			continue;
		}
		if (err != BH_ENOSPC) {
			printf("send %u failed: %d\n", next, err);
			break;
		}
		if (full++ == 0)
			printf("queue full after %u messages: %d\n", next, err);
		bh_vint_block();    /* until the next window-start upcall */
	}
	printf("sent %u messages, queue full %u times\n", next, full);
	for (;;)
		bh_vint_block();
}
