/*
 * The io_demo's broadcast ring, in the shared area "io_ring" (configs/io_demo.c): io_driver
 * writes it, the clients read it. The driver fills slot head % IO_RING_SLOTS, then advances
 * head; a client that falls more than IO_RING_SLOTS behind has lost the oldest lines.
 */
#ifndef IO_RING_H
#define IO_RING_H

#include <stdint.h>

#define IO_RING_SLOTS 32
#define IO_RING_TEXT 60

struct io_ring {
	volatile uint32_t head;                 /* lines written since boot */
	struct {
		uint32_t length;
		char text[IO_RING_TEXT];
	} slot[IO_RING_SLOTS];
};

#endif
