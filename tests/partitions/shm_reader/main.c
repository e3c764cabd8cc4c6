/*
 * Reads the ring shm_writer fills (read-only for it), answers on "board" (read-write for both,
 * at another address in each space), then writes the ring: a page fault stops it.
 */
#include <bulkhead.h>
#include "../shm_ring.h"

int main(void)
{
	struct bh_shm_info ring_info, board_info;
	volatile struct ring *ring;
	volatile uint32_t *board;
	int32_t r;

	r = bh_shm_open("ring", &ring_info);
	printf("open ring: %d address 0x%08x size %u access %u\n", r, ring_info.address,
	       ring_info.size, ring_info.access);
	r = bh_shm_open("board", &board_info);
	printf("open board: %d address 0x%08x size %u access %u\n", r, board_info.address,
	       board_info.size, board_info.access);
	ring = (volatile struct ring *)ring_info.address;
	board = (volatile uint32_t *)board_info.address;
	/* the writer's second generation comes after its cold restart */
	while (ring->magic != RING_MAGIC || ring->generation != 2)
		;
	board[1] = ring->generation;
	board[2] = ring_matches(ring, 2);
	board[0] = BOARD_ACK;
	printf("generation %u: %u of %u bytes as written\n", board[1], board[2],
	       (uint32_t)sizeof(ring->bytes));
	printf("writing the read-only ring\n");
	ring->bytes[0] = 0;
	printf("wrote a read-only area: isolation broken\n");
	return 0;
}
