/* Feeds edges: one sample and two queued messages at start, then prints its window starts. */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	uint32_t sample = 0x12345678, seen = 0;
	int32_t s, q, sent[3];

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	s = bh_port_open("to_edges", NULL);
	q = bh_port_open("q_to_edges", NULL);
	/* one call a statement: the order of a function's arguments' evaluation is unspecified */
	sent[0] = bh_sampling_write(s, &sample, sizeof(sample));
	sent[1] = bh_queuing_send(q, "message1", 8);
	sent[2] = bh_queuing_send(q, "message2", 8);
	printf("sample %d, messages %d %d\n", sent[0], sent[1], sent[2]);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start;

		seen = bh_window_next(seen, &start);
		printf("window %u start t=%llu ns\n", seen, start);
	}
}
