/* GDT layout: the selectors every part of the arch layer agrees on. */
#ifndef ARCH_X86_SEGMENTS_H
#define ARCH_X86_SEGMENTS_H

#include <stdint.h>
#include <core/limits.h>

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_CODE   (0x18 | 3)
#define GDT_USER_DATA   (0x20 | 3)
#define GDT_TSS         0x28    /* each CPU's own, in its own GDT (gdt.c) */
#define GDT_PER_CPU     0x30    /* GS: the CPU's struct arch_cpu (arch_cpu.h) */

void gdt_init(void);
/* CPU `cpu`'s GDT, the kernel's segments, its TSS and its GS, on the calling CPU (gdt_init: the
 * boot CPU's; an AP's when it starts). */
void gdt_load(uint32_t cpu);

struct tss {
	uint32_t prev_task;
	uint32_t esp0, ss0;
	uint32_t unused[22];
	uint16_t trap;
	uint16_t iomap_base;
};
/* An I/O bitmap offset past the TSS's limit: every port faults in ring 3. */
#define ARCH_NO_PORTS 0xffffu
#define IO_BITMAP_BYTES (65536 / 8)

/*
 * The boot CPU's TSS, then an I/O bitmap for each address space given ports (gdt.c): a set bit
 * faults. The CPU reads two bytes for an access, so each bitmap has one more, all set, past its
 * last port.
 */
struct tss_area {
	struct tss tss;
	uint8_t io[CONFIG_MAX_DEVICES][IO_BITMAP_BYTES + 1];
};
extern struct tss_area tss_area;

void idt_init(void);
/* The IDT that idt_init built, on the calling CPU (an AP's when it starts). */
void idt_load(void);

#endif
