/* The legacy 8259 pair, remapped above the exceptions; only the timer line is unmasked. */
#ifndef ARCH_X86_PIC_H
#define ARCH_X86_PIC_H

#define PIC_VECTOR_BASE 32
#define PIC_LINES 16
#define IRQ_TIMER 0

void pic_init(void);
void pic_end_of_interrupt(unsigned int line);
/* A spurious line 7 or 15 must not be acknowledged: this tells whether it is one. */
int pic_is_spurious(unsigned int line);

#endif
