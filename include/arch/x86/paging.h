#ifndef ARCH_X86_PAGING_H
#define ARCH_X86_PAGING_H

#include <stdint.h>

/* Maps all RAM 1:1 for the kernel (supervisor-only, text and rodata read-only) and turns paging on. */
void paging_init(void);

/*
 * Device memory: the 4 MiB at DEVICE_WINDOW, where the PC has its IO APIC, HPET and local APIC,
 * are mapped through two page tables; arch_map_device asks, before paging_init, for one page of
 * it (supervisor-only, uncached, no-execute). A page outside, or asked for late, panics.
 */
#define DEVICE_WINDOW 0xfec00000u
#define DEVICE_WINDOW_SIZE (4u << 20)
#define ARCH_DEVICE_PAGES 4
void arch_map_device(uint32_t page);

#endif
