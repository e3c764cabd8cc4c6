/*
 * The io_demo's driver partition: owns COM3 (ports 0x3e8-0x3ef, its interrupt on device vint
 * line 8, configs/io_demo.c). It receives bytes by interrupt and serves two clients over ports:
 * a line "a: text" goes to io_client_a on the queuing port "to_a", "b: text" to io_client_b on
 * "to_b", and "*: text" to both through the shared area "io_ring" (io_ring.h), which only it may
 * write; what the clients send back on "from_a" and "from_b" it writes to the UART, one line each.
 */
#include <bulkhead.h>
#include <bh_io.h>
#include "io_ring.h"

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
#define LSR_THR_EMPTY 0x20
#define LINE 8u
#define LINE_MAX 64

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static int32_t to[2], from[2];
static char line[LINE_MAX];
static uint32_t length, lines, interrupts;
static struct io_ring *ring;

static void uart_write(const char *s, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		while (!(bh_inb(LSR) & LSR_THR_EMPTY))
			;
		bh_outb(THR, (uint8_t)s[i]);
	}
}

static void uart_line(const char *s)
{
	uint32_t n = 0;

	while (s[n])
		n++;
	uart_write(s, n);
	uart_write("\r\n", 2);
}

/* A whole line from the UART: to the client its prefix names. */
static void route(void)
{
	int client = length >= 2 && line[1] == ':' ? line[0] - 'a' : -1;
	const char *text = line + 2;
	int32_t r;

	line[length] = 0;
	lines++;
	while (*text == ' ')
		text++;
	if (length >= 2 && line[0] == '*' && line[1] == ':' && ring) {
		uint32_t n = (uint32_t)(line + length - text), slot = ring->head % IO_RING_SLOTS;

		if (n > IO_RING_TEXT)
			n = IO_RING_TEXT;
		memcpy(ring->slot[slot].text, text, n);
		ring->slot[slot].length = n;
		ring->head++;   /* after the text: a client reads head, then the slots below it */
		return;
	}
	if (client != 0 && client != 1) {
		uart_line("io_driver: a line starts with 'a:', 'b:' or '*:'");
		return;
	}
	r = bh_queuing_send(to[client], text, (uint32_t)(line + length - text) + 1);
	if (r < 0)
		printf("line %u for client %c not sent: %s\n", lines, 'a' + client, bh_strerror(r));
}

static void handler(uint32_t vint_line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (vint_line != LINE)
		return;
	interrupts++;
	while (bh_inb(LSR) & LSR_DATA) {
		char c = (char)bh_inb(RBR);

		if (c == '\r')
			continue;
		if (c == '\n' || length == LINE_MAX - 1) {
			route();
			length = 0;
		}
		if (c != '\n')
			line[length++] = c;
	}
	bh_irq_done(LINE);
}

int main(void)
{
	static const char *const names[] = { "to_a", "to_b", "from_a", "from_b" };
	char reply[LINE_MAX];
	struct bh_shm_info area;
	int32_t r = bh_shm_open("io_ring", &area);

	for (int i = 0; i < 4; i++) {
		int32_t h = bh_port_open(names[i], NULL);

		if (h < 0)
			printf("port '%s' not opened: %s\n", names[i], bh_strerror(h));
		(i < 2 ? to : from)[i % 2] = h;
	}
	if (r < 0)
		printf("area 'io_ring' not opened: %s\n", bh_strerror(r));
	else
		ring = (struct io_ring *)(uintptr_t)area.address;
	bh_outb(IER, 0);
	bh_outb(LCR, 0x80);        /* divisor 1: 115200 baud */
	bh_outb(DLL, 1);
	bh_outb(DLM, 0);
	bh_outb(LCR, 0x03);        /* 8N1 */
	bh_outb(FCR, 0x07);        /* FIFOs on and empty, an interrupt from 1 byte */
	bh_outb(MCR, 0x0b);        /* DTR, RTS, OUT2 (the PC's interrupt gate) */
	bh_outb(IER, 0x01);        /* received data */
	bh_upcall_register(handler, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);
	bh_set_mode(BH_MODE_NORMAL);
	printf("ready: COM3 at 0x%x, its interrupt on line %u\n", BASE, LINE);
	uart_line("io_driver: ready");
	bh_irq_done(LINE);
	for (;;) {
		bh_vint_block();
		for (int c = 0; c < 2; c++) {
			int32_t n;

			while ((n = bh_queuing_receive(from[c], reply, sizeof(reply) - 1, 0)) > 0) {
				reply[n] = 0;
				uart_line(reply);
			}
		}
	}
}
