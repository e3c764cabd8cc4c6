/* The legacy 8259 pair, remapped above the exceptions; only the timer line is unmasked. */
#ifndef PLATFORM_PC_PIC_H
#define PLATFORM_PC_PIC_H

#include <io.h>

#define PLATFORM_IRQ_VECTOR_BASE 32
#define PLATFORM_IRQ_LINES 16
#define PLATFORM_IRQ_TIMER 0

void pic_init(void);
#define PIC1_CMD 0x20
#define PIC2_CMD 0xa0
#define OCW2_EOI 0x20

/* The timer's own entry needs none; elsewhere the master's auto-EOI makes its part harmless. */
static inline void platform_irq_end(unsigned int line)
{
	if (line >= 8)
		outb(PIC2_CMD, OCW2_EOI);
	outb(PIC1_CMD, OCW2_EOI);
}
/* A spurious line 7 or 15 must not be acknowledged: this tells whether it is one. */
int platform_irq_is_spurious(unsigned int line);

#endif
