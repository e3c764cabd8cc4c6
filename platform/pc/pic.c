/* The legacy 8259 PIC pair. */
#include <io.h>
#include <pic.h>
#include <stdbool.h>
#include <platform_irq.h>
#include <timer_source.h>

#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01
#define ICW4_AUTO_EOI 0x02
#define OCW3_READ_IRR 0x0a
#define OCW3_READ_ISR 0x0b
#define CASCADE_LINE 2

/* the lines masked, master's in the low byte: what the data ports hold */
static uint16_t masked;

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
	/* the slave's lines reach the CPU through the cascade's once unmasked themselves */
	masked = (uint16_t)~(1u << PLATFORM_IRQ_TIMER | 1u << CASCADE_LINE);
	outb(PIC1_DATA, (uint8_t)masked);
	outb(PIC2_DATA, (uint8_t)(masked >> 8));
}

/* One port write: the controller's half that holds the line. */
static void write_mask(unsigned int line)
{
	if (line < 8)
		outb(PIC1_DATA, (uint8_t)masked);
	else
		outb(PIC2_DATA, (uint8_t)(masked >> 8));
}

void platform_irq_mask(uint32_t line)
{
	masked |= (uint16_t)(1u << line);
	write_mask(line);
}

void platform_irq_unmask(uint32_t line)
{
	masked &= (uint16_t)~(1u << line);
	write_mask(line);
}

int platform_irq_is_spurious(unsigned int line)
{
	uint16_t cmd = line < 8 ? PIC1_CMD : PIC2_CMD;

	if ((line & 7) != 7)
		return 0;
	outb(cmd, OCW3_READ_ISR);
	return !(inb(cmd) & 0x80);
}

bool platform_irq_waiting(void)
{
	uint16_t requested;

	/* the read register is chosen each time: platform_irq_is_spurious leaves the ISR chosen */
	outb(PIC1_CMD, OCW3_READ_IRR);
	outb(PIC2_CMD, OCW3_READ_IRR);
	requested = (uint16_t)(inb(PIC1_CMD) | inb(PIC2_CMD) << 8);
	return (requested & ~masked & ~(1u << CASCADE_LINE)) != 0 || timer_source_pending();
}
