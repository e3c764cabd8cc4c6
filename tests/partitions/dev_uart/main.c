/*
 * A driver of COM3 (0x3e8, its line on device vint line 8) in loopback, by interrupt, that keeps
 * the line busy for as long as it runs (configs dev_flood): QEMU's loopback hands a byte sent
 * straight back, and with the receive FIFO's trigger at 14 bytes one byte interrupts only with
 * the character timeout, 4 character times (347 us at 115200 baud) later, on the machine's
 * virtual clock. Every interrupt it serves sends the next byte, so the line comes every 347 us,
 * whoever's window it is: the first after each of its windows lands in dev_gauge's. Also reports
 * what irq_done says to lines that are not its own.
 */
#include <bulkhead.h>

#define BASE 0x3e8
#define RBR (BASE + 0)
#define THR (BASE + 0)
#define IER (BASE + 1)
#define FCR (BASE + 2)
#define LCR (BASE + 3)
#define MCR (BASE + 4)
#define LSR (BASE + 5)
#define DLL (BASE + 0)
#define DLM (BASE + 1)
#define LSR_DATA 0x01
#define LINE 8u
#define REPORT_WINDOWS 20

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t interrupts, bytes, windows, reported;

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "d"(port));
	return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "d"(port));
}

static void handler(uint32_t line, const struct bh_upcall_frame *frame)
{
	uint32_t n = 0;

	(void)frame;
	if (line == BH_VINT_WINDOW_START) {
		windows++;
		return;
	}
	if (line != LINE)
		return;
	interrupts++;
	while (inb(LSR) & LSR_DATA) {
		inb(RBR);
		n++;
	}
	bytes += n;
	outb(THR, 'x');
	if (windows == REPORT_WINDOWS && !reported) {
		reported = 1;
		printf("after %u windows: %u interrupts, %u bytes\n", windows, interrupts, bytes);
	}
	bh_irq_done(LINE);
}

int main(void)
{
	printf("irq_done(7): %s, irq_done(9): %s, irq_done(16): %s\n", bh_strerror(bh_irq_done(7)),
	       bh_strerror(bh_irq_done(9)), bh_strerror(bh_irq_done(16)));
	outb(LCR, 0x80);        /* divisor 1: 115200 baud */
	outb(DLL, 1);
	outb(DLM, 0);
	outb(LCR, 0x03);        /* 8N1 */
	outb(FCR, 0xc7);        /* FIFOs on and empty, an interrupt at 14 bytes or the timeout */
	outb(MCR, 0x18);        /* loopback, OUT2 */
	outb(IER, 0x01);        /* received data */
	bh_upcall_register(handler, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);
	printf("irq_done(%u): %s\n", LINE, bh_strerror(bh_irq_done(LINE)));
	outb(THR, 'x');
	for (;;)
		bh_vint_block();
}
