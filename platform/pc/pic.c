/* The legacy 8259 PIC pair. */
#include <io.h>
#include <pic.h>
#include <platform_irq.h>

#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01
#define ICW4_AUTO_EOI 0x02
#define OCW3_READ_ISR 0x0b

void pic_init(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	outb(PIC1_DATA, PLATFORM_IRQ_VECTOR_BASE);
	outb(PIC2_DATA, PLATFORM_IRQ_VECTOR_BASE + 8);
	outb(PIC1_DATA, 1 << 2);     /* slave on line 2 */
	outb(PIC2_DATA, 2);
	/* the master ends each interrupt as the CPU takes it: the timer's entry, on every window
	 * boundary and timer expiry, then needs no port write. The kernel never nests interrupts,
	 * so nothing relies on the in-service bits; with them clear, platform_irq_is_spurious
	 * reports every line-7 interrupt as spurious, which is what one is while line 7 stays
	 * masked. */
	outb(PIC1_DATA, ICW4_8086 | ICW4_AUTO_EOI);
	outb(PIC2_DATA, ICW4_8086);
	outb(PIC1_DATA, (uint8_t)~(1u << PLATFORM_IRQ_TIMER));
	outb(PIC2_DATA, 0xff);
}

int platform_irq_is_spurious(unsigned int line)
{
	uint16_t cmd = line < 8 ? PIC1_CMD : PIC2_CMD;

	if ((line & 7) != 7)
		return 0;
	outb(cmd, OCW3_READ_ISR);
	return !(inb(cmd) & 0x80);
}
