/* GDT layout: the selectors every part of the arch layer agrees on. */
#ifndef ARCH_X86_SEGMENTS_H
#define ARCH_X86_SEGMENTS_H

#include <stdint.h>

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_CODE   (0x18 | 3)
#define GDT_USER_DATA   (0x20 | 3)
#define GDT_TSS         0x28

void gdt_init(void);
/* TSS.esp0, the stack the CPU switches to on entry from ring 3: set on every vcpu switch. */
extern uint32_t *const tss_esp0;

static inline void tss_set_kernel_stack(uint32_t esp0)
{
	*tss_esp0 = esp0;
}

void idt_init(void);

#endif
