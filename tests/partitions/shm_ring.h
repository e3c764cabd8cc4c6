/* The shm test's shared areas (tests/configs/shm.c): "ring", which shm_writer fills and shm_reader
 * reads, and "board", where shm_reader answers. */
#ifndef SHM_RING_H
#define SHM_RING_H

#include <stdint.h>

#define RING_SIZE 8192u
#define RING_MAGIC 0x52494e47u      /* written once the ring holds a generation's pattern */
#define BOARD_ACK 0x41434b21u

struct ring {
	uint32_t magic;
	uint32_t generation;            /* written after the pattern: a reader sees a whole one */
	uint8_t bytes[RING_SIZE - 8];
};

/* byte i of generation g's pattern */
static inline uint8_t ring_byte(uint32_t i, uint32_t g)
{
	return (uint8_t)(i * 7u + (i >> 8) + g * 31u);
}

/* How many bytes of the ring hold generation g's pattern. */
static inline uint32_t ring_matches(const volatile struct ring *r, uint32_t g)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < sizeof(r->bytes); i++)
		n += r->bytes[i] == ring_byte(i, g);
	return n;
}

#endif
