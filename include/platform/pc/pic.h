/* The legacy 8259 pair, remapped above the exceptions; only the timer line is unmasked. */
#ifndef PLATFORM_PC_PIC_H
#define PLATFORM_PC_PIC_H

void pic_init(void);
#define PIC1_CMD 0x20
#define PIC2_CMD 0xa0
#define OCW2_EOI 0x20

#endif
