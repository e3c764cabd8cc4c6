/* The legacy 8259 pair, remapped above the exceptions; the timer's line and those of devices given
 * to partitions (platform_irq_unmask) are unmasked. */
#ifndef PLATFORM_PC_PIC_H
#define PLATFORM_PC_PIC_H

void pic_init(void);
#define PIC1_CMD 0x20
#define PIC2_CMD 0xa0
#define OCW2_EOI 0x20

#endif
