/*
 * I/O port access for a partition given a device (docs/devices.md): `in` and `out` on the ports
 * the deployment gives it work while its vcpus run; every other port is a general-protection
 * fault for the health monitor.
 */
#ifndef BH_IO_H
#define BH_IO_H

#include <stdint.h>

static inline uint8_t bh_inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "d"(port));
	return v;
}

static inline void bh_outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "d"(port));
}

#endif
