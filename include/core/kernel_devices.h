/*
 * What the kernel keeps of the machine for itself, so that no deployment can give it to a
 * partition (its devices[], core/config_check.c): I/O port ranges and interrupt lines, each with
 * the words a refusal names it by. The platform defines them (platform/pc/kernel_devices.c); the
 * validator reads them at build and at boot.
 */
#ifndef CORE_KERNEL_DEVICES_H
#define CORE_KERNEL_DEVICES_H

#include <stdint.h>

struct kernel_ports {
	uint16_t first, last;                   /* inclusive */
	const char *what;                       /* "the kernel's console UART" */
};

struct kernel_line {
	uint32_t line;
	const char *what;                       /* "the kernel's timer (HPET) line" */
};

extern const struct kernel_ports kernel_ports[];
extern const uint32_t kernel_port_count;
extern const struct kernel_line kernel_lines[];
extern const uint32_t kernel_line_count;
/* the interrupt lines there are: 0 .. kernel_irq_lines - 1 */
extern const uint32_t kernel_irq_lines;

#endif
