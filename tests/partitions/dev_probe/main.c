/*
 * Ports probed one per start (configs dev_ports): the deployment restarts it warm after each
 * general-protection fault, and memory survives a warm restart, so `step` walks the list. Run
 * as the owner of ports 0x3e8-0x3ef (dev_owner) and as a partition given none (dev_stranger):
 * the image asks which it is, and expects the owner's own ports to work for it alone.
 */
#include <bulkhead.h>

struct probe {
	uint16_t port;
	uint8_t width;                   /* 1, 2 or 4 bytes */
	uint8_t owner_may;               /* the owner's `in` must pass (else fault, as for all) */
};

static const struct probe probes[] = {
	{ 0x3e8, 1, 1 }, { 0x3ef, 1, 1 }, { 0x3ec, 4, 1 }, { 0x3ee, 2, 1 },
	/* just outside, and straddling the end */
	{ 0x3e7, 1, 0 }, { 0x3f0, 1, 0 }, { 0x3ef, 2, 0 }, { 0x3e6, 4, 0 },
	/* the kernel's: console UART, trace UART, 8259s, PIT, debug exit (an `in` exits nothing) */
	{ 0x3f8, 1, 0 }, { 0x2f8, 1, 0 }, { 0x20, 1, 0 }, { 0xa1, 1, 0 }, { 0x40, 1, 0 },
	{ 0xf4, 1, 0 },
	/* the edges of the port space, and a port nobody has */
	{ 0x0, 1, 0 }, { 0xffff, 1, 0 }, { 0x80, 1, 0 },
};
#define PROBES ((uint32_t)(sizeof(probes) / sizeof(probes[0])))

static volatile uint32_t step;

static void probe(const struct probe *p)
{
	switch (p->width) {
	case 1: { uint8_t v; __asm__ volatile("inb %1, %0" : "=a"(v) : "d"(p->port)); break; }
	case 2: { uint16_t v; __asm__ volatile("inw %1, %0" : "=a"(v) : "d"(p->port)); break; }
	default: { uint32_t v; __asm__ volatile("inl %1, %0" : "=a"(v) : "d"(p->port)); break; }
	}
}

int main(void)
{
	struct bh_partition_status me;
	int owner;

	bh_partition_status(BH_SELF, &me);
	owner = me.id == 0;   /* dev_owner is partitions[0] */
	for (;;) {
		uint32_t s = step++;
		const struct probe *p = &probes[s % PROBES];

		if (s >= PROBES) {
			printf("all %u probes done\n", PROBES);
			for (;;)
				bh_yield();
		}
		printf("probe %u: in%c 0x%x\n", s, p->width == 1 ? 'b' : p->width == 2 ? 'w' : 'l',
		       p->port);
		probe(p);
		if (owner && p->owner_may)
			printf("probe %u: passed\n", s);
		else
			printf("probe %u: was not stopped: isolation broken\n", s);
	}
}
