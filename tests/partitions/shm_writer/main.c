/*
 * Fills the shared area "ring", asks for a cold restart, finds the ring as it left it (its
 * private memory reloaded), fills it again for shm_reader, waits for the reader's answer on
 * "board", then executes a byte of the ring: no-execute stops it.
 */
#include <bulkhead.h>
#include "../shm_ring.h"

static uint32_t starts;     /* private memory: a cold restart zeroes it again */

static void show(const char *name, int32_t r, const struct bh_shm_info *info)
{
	printf("open %s: %d address 0x%08x size %u access %u\n", name, r, info->address, info->size,
	       info->access);
}

int main(void)
{
	struct bh_shm_info ring_info, board_info;
	volatile struct ring *ring;
	volatile uint32_t *board;
	uint32_t generation;

	show("ring", bh_shm_open("ring", &ring_info), &ring_info);
	show("board", bh_shm_open("board", &board_info), &board_info);
	ring = (volatile struct ring *)ring_info.address;
	board = (volatile uint32_t *)board_info.address;
	starts++;
	generation = ring->magic == RING_MAGIC ? ring->generation : 0;
	printf("start %u of the private memory; the ring holds generation %u", starts, generation);
	if (generation)
		printf(", %u of %u bytes as written", ring_matches(ring, generation),
		       (uint32_t)sizeof(ring->bytes));
	printf("\n");
	generation++;
	for (uint32_t i = 0; i < sizeof(ring->bytes); i++)
		ring->bytes[i] = ring_byte(i, generation);
	ring->magic = RING_MAGIC;
	ring->generation = generation;
	printf("wrote generation %u\n", generation);
	if (generation == 1) {
		printf("cold restart\n");
		bh_set_mode(BH_MODE_COLD_START);
	}
	/* the kernel writes hypercall results only to private memory, never to a shared area */
	printf("check out in the ring: got %d want %d\n",
	       bh_shm_open("ring", (struct bh_shm_info *)ring_info.address), BH_EFAULT);
	printf("check ring after it: magic 0x%x generation %u\n", ring->magic, ring->generation);
	while (board[0] != BOARD_ACK)
		;
	printf("the reader saw generation %u with %u bytes as written\n", board[1], board[2]);
	printf("executing the ring\n");
	ring->bytes[0] = 0xc3;      /* ret */
	((void (*)(void))(uintptr_t)&ring->bytes[0])();
	printf("executed a shared area: no-execute broken\n");
	return 0;
}
