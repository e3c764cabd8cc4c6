/*
 * 16550 UART, polled, 115200 8N1. For tests, platform_console_model makes the line status follow a
 * modelled transmitter (QEMU's UART takes every byte at once, which hides what waiting on a real
 * line costs).
 */
#include <io.h>
#include <uart.h>
#include <core/platform.h>

#define REG_DATA 0
#define REG_IER 1
#define REG_FCR 2
#define REG_LCR 3
#define REG_MCR 4
#define REG_LSR 5
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define FCR_ENABLE_CLEAR 0xc7
#define MCR_DTR_RTS 0x03
#define LSR_THR_EMPTY 0x20
#define DIVISOR_115200 1
#define FIFO_SIZE 16          /* 16550A transmit FIFO: empty when LSR says THR empty */
#define BITS_PER_CHAR 10      /* 8N1: start, 8 data, stop */

/* The model: clock ticks per character (0: off), and per port when its transmitter will have
 * sent every byte given to it. */
static uint64_t model_char_ticks;
static uint64_t model_done_at[2];

void platform_console_model(uint32_t baud)
{
	model_char_ticks = platform_clock_ns_to_ticks(1000000000ull * BITS_PER_CHAR / baud);
}

static uint64_t *model_port(uint16_t port)
{
	return &model_done_at[port == UART_COM1 ? 0 : 1];
}

/* THR empty: the FIFO holds nothing; the shift register may still be sending its last byte. */
static bool thr_empty(uint16_t port)
{
	bool empty = inb(port + REG_LSR) & LSR_THR_EMPTY;

	if (!model_char_ticks)
		return empty;
	return platform_clock_now() + model_char_ticks >= *model_port(port);
}

/* n bytes were just given to the port. */
static void model_sent(uint16_t port, uint32_t n)
{
	uint64_t now = platform_clock_now(), *done = model_port(port);

	*done = (*done > now ? *done : now) + n * model_char_ticks;
}

void uart_init(uint16_t port)
{
	outb(port + REG_IER, 0);
	outb(port + REG_LCR, LCR_DLAB);
	outb(port + REG_DATA, DIVISOR_115200);
	outb(port + REG_IER, 0);
	outb(port + REG_LCR, LCR_8N1);
	outb(port + REG_FCR, FCR_ENABLE_CLEAR);
	outb(port + REG_MCR, MCR_DTR_RTS);
}

void uart_putc(uint16_t port, char c)
{
	while (!thr_empty(port))
		;
	outb(port + REG_DATA, (uint8_t)c);
	if (model_char_ticks)
		model_sent(port, 1);
}

void platform_console_putc(char c)
{
	uart_putc(UART_COM1, c);
}

/*
 * Up to a FIFO's worth of `len` bytes, only if the port can take them now (the 16550A's transmit
 * FIFO is empty when THR is): returns how many it took, 0 while the line is busy.
 */
static uint32_t uart_write_fifo(uint16_t port, const uint8_t *bytes, uint32_t len)
{
	uint32_t n = len < FIFO_SIZE ? len : FIFO_SIZE;

	if (!thr_empty(port))
		return 0;
	/* cppcheck takes len for 0 from a caller it sees in this file set */
	// cppcheck-suppress knownConditionTrueFalse
	for (uint32_t i = 0; i < n; i++)
		outb(port + REG_DATA, bytes[i]);
	if (model_char_ticks)
		model_sent(port, n);
	return n;
}

/* A run of bytes, one look at the line status per FIFO's worth. */
void platform_console_write(const char *s, uint32_t n)
{
	const uint8_t *bytes = (const uint8_t *)s;

	while (n) {
		uint32_t taken = uart_write_fifo(UART_COM1, bytes, n);

		bytes += taken;
		n -= taken;
	}
}

uint32_t platform_console_write_some(const char *s, uint32_t n)
{
	return uart_write_fifo(UART_COM1, (const uint8_t *)s, n);
}

/* COM2 carries the trace: a FIFO's worth at a time, never a wait on the line. */
uint32_t platform_trace_write(const void *buf, uint32_t len)
{
	return uart_write_fifo(UART_COM2, buf, len);
}
