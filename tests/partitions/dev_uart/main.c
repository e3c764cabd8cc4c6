/*
 * A driver of two UARTs in loopback, by interrupt, that keeps both lines busy for as long as it
 * runs (configs dev_flood). QEMU's loopback hands a byte sent straight back, and with the receive
 * FIFO's trigger at 14 bytes one byte interrupts only with the character timeout, 4 character
 * times (347 us at 115200 baud) later, on the machine's virtual clock. Each interrupt it serves
 * (the bytes read) sends the next byte, so each line comes every 347 us, whoever's window it is:
 *   COM3 (0x3e8, line 5, device vint line 8): irq_done after each; the first interrupt after
 *        each of its windows lands in dev_gauge's, which times it;
 *   COM4 (0x2e8, line 11 on the slave 8259, device vint line 9): irq_done only at each window
 *        start, so while the line waits masked, the device asks 5 times a frame and is taken once.
 * Also reports what irq_done says to lines that are not its own.
 */
#include <bulkhead.h>
#include <bh_io.h>
#include "../uart_regs.h"

#define REPORT_WINDOWS 20

struct uart {
	uint16_t base;
	uint32_t line;
	uint32_t interrupts, bytes;
};

static struct uart com3 = { 0x3e8, 8u, 0, 0 }, com4 = { 0x2e8, 9u, 0, 0 };
static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t windows, reported;

static void uart_init(const struct uart *u)
{
	bh_outb(u->base + LCR, 0x80);        /* divisor 1: 115200 baud */
	bh_outb(u->base + DLL, 1);
	bh_outb(u->base + DLM, 0);
	bh_outb(u->base + LCR, 0x03);        /* 8N1 */
	bh_outb(u->base + FCR, 0xc7);        /* FIFOs on and empty, an interrupt at 14 bytes or the timeout */
	bh_outb(u->base + MCR, 0x18);        /* loopback, OUT2 */
	bh_outb(u->base + IER, 0x01);        /* received data */
}

/* Reads what came and sends the next byte: its timeout interrupts 4 character times later. */
static void serve(struct uart *u)
{
	u->interrupts++;
	while (bh_inb(u->base + LSR) & LSR_DATA) {
		bh_inb(u->base + RBR);
		u->bytes++;
	}
	bh_outb(u->base + THR, 'x');
}

static void handler(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_WINDOW_START) {
		windows++;
		bh_irq_done(com4.line);
	} else if (line == com3.line) {
		serve(&com3);
		bh_irq_done(com3.line);
	} else if (line == com4.line) {
		serve(&com4);
	}
	if (windows == REPORT_WINDOWS && !reported) {
		reported = 1;
		printf("after %u windows: COM3 %u interrupts, %u bytes; COM4 %u interrupts, %u bytes\n",
		       windows, com3.interrupts, com3.bytes, com4.interrupts, com4.bytes);
	}
}

int main(void)
{
	printf("irq_done(7): %s, irq_done(10): %s, irq_done(16): %s\n", bh_strerror(bh_irq_done(7)),
	       bh_strerror(bh_irq_done(10)), bh_strerror(bh_irq_done(16)));
	uart_init(&com3);
	uart_init(&com4);
	bh_upcall_register(handler, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);
	printf("irq_done(%u): %s\n", com3.line, bh_strerror(bh_irq_done(com3.line)));
	bh_outb(com3.base + THR, 'x');
	bh_outb(com4.base + THR, 'x');
	for (;;)
		bh_vint_block();
}
