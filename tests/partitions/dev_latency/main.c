/*
 * Times a device's interrupts against a slow console (tests/configs/dev_console.c): COM3 in
 * loopback, one byte at a time, so that each byte sent comes back as an interrupt exactly 4
 * character times (347 us at 115200 baud, QEMU's receive timeout) later. Between interrupts the
 * partition blocks, and its window's idle time carries another partition's waiting console lines
 * to a port as slow as a real one (uart_model=115200). Reports, for the bytes sent and served in
 * one window, how long after the send each interrupt was served: the kernel must take the
 * interrupt when it comes, not when the console port is done.
 */
#include <bulkhead.h>
#include <bh_io.h>
#include "../uart_regs.h"

#define COM3 0x3e8
#define COM3_LINE 8u
#define REPORT_WINDOWS 30

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t windows, reported, served, timed;
static volatile uint64_t sent_at, longest;
static volatile uint32_t sent_in;

static void send(void)
{
	sent_at = bh_time_ns();
	sent_in = windows;
	bh_outb(COM3 + THR, 'x');
}

static void handler(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_WINDOW_START) {
		windows++;
	} else if (line == COM3_LINE) {
		uint64_t waited = bh_time_ns() - sent_at;

		while (bh_inb(COM3 + LSR) & LSR_DATA)
			bh_inb(COM3 + RBR);
		served++;
		if (sent_in == windows) {
			timed++;
			if (waited > longest)
				longest = waited;
		}
		send();
		bh_irq_done(COM3_LINE);
	}
	if (windows == REPORT_WINDOWS && !reported) {
		reported = 1;
		printf("after %u windows: %u interrupts, %u timed, the longest %llu us after its byte\n",
		       windows, served, timed, longest / 1000);
	}
}

int main(void)
{
	bh_outb(COM3 + LCR, 0x80);        /* divisor 1: 115200 baud */
	bh_outb(COM3 + DLL, 1);
	bh_outb(COM3 + DLM, 0);
	bh_outb(COM3 + LCR, 0x03);        /* 8N1 */
	bh_outb(COM3 + FCR, 0xc7);        /* FIFOs on and empty: one byte interrupts by the timeout */
	bh_outb(COM3 + MCR, 0x18);        /* loopback, OUT2 */
	bh_outb(COM3 + IER, 0x01);        /* received data */
	bh_upcall_register(handler, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);
	bh_irq_done(COM3_LINE);
	send();
	for (;;)
		bh_vint_block();
}
