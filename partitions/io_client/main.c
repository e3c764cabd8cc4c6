/*
 * An io_demo client (io_client_a, io_client_b: one image): prints each line the driver sends it
 * on "to_<x>" and answers on "from_<x>" with how long it was; prints each line the driver
 * broadcasts in the shared area "io_ring" (read-only here); prints its window starts.
 */
#include <bulkhead.h>
#include "../io_driver/io_ring.h"

/* The ring's lines this client has not printed yet. */
static void read_ring(const struct io_ring *ring, uint32_t *seen)
{
	uint32_t head = ring->head;

	if (head - *seen > IO_RING_SLOTS) {
		printf("broadcasts %u to %u lost\n", *seen + 1, head - IO_RING_SLOTS);
		*seen = head - IO_RING_SLOTS;
	}
	for (; *seen != head; ++*seen) {
		uint32_t slot = *seen % IO_RING_SLOTS, n = ring->slot[slot].length;

		printf("broadcast %u: '%.*s'\n", *seen + 1, (int)(n > IO_RING_TEXT ? IO_RING_TEXT : n),
		       ring->slot[slot].text);
	}
}

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	struct bh_partition_status me;
	char in_name[8] = "to_?", out_name[8] = "from_?", text[64], reply[64];
	int32_t in, out;
	uint32_t seen = 0, got = 0, broadcasts = 0;
	struct bh_shm_info area;
	const struct io_ring *ring = NULL;
	char x;

	bh_partition_status(BH_SELF, &me);
	x = (char)('a' + me.id - 1);    /* the driver is partitions[0] */
	in_name[3] = x;
	out_name[5] = x;
	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	in = bh_port_open(in_name, NULL);
	out = bh_port_open(out_name, NULL);
	if (in < 0 || out < 0)
		printf("ports '%s' and '%s' not opened: %s\n", in_name, out_name,
		       bh_strerror(in < 0 ? in : out));
	if (bh_shm_open("io_ring", &area) == 0)
		ring = (const struct io_ring *)(uintptr_t)area.address;
	else
		printf("area 'io_ring' not opened\n");
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start;
		uint32_t window = bh_window_current(&start);
		int32_t n;

		if (window != seen) {
			seen = window;
			printf("window %u start t=%llu ns\n", seen, start);
		}
		if (ring)
			read_ring(ring, &broadcasts);
		/* waits for a line, but never past the end of the window */
		n = bh_queuing_receive(in, text, sizeof(text), 500);
		if (n > 0) {
			got++;
			printf("got line %u: '%s'\n", got, text);
			snprintf(reply, sizeof(reply), "client %c: line %u, %d bytes", x, got, n - 1);
			bh_queuing_send(out, reply, (uint32_t)strlen(reply) + 1);
		}
	}
}
