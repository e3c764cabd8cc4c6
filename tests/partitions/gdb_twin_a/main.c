/*
 * GDB helper test (tests/suites/test_gdb_partitions.py), partition alpha of gdb_twins. It and
 * gdb_twin_b are laid out alike, so their first function (alpha_work, beta_work) and their first
 * data word (twin_value) lie at the same addresses: a breakpoint or a read by address alone cannot
 * tell the two apart. Once per window alpha calls alpha_work, sends its window number on "orders"
 * while it is at most ORDERS (orders_done marks the last one) and publishes it on "reading".
 * Nothing is ever sent on "wakeup", where beta's vcpu 1 waits.
 */
#include <bulkhead.h>

#define ORDERS 3

volatile uint32_t twin_value = 0xa1fa0001;
volatile uint32_t twin_calls, published, counted;

/* in .text.start, which runtime/partition.ld puts right after crt0's: the same address in both */
__attribute__((noipa, section(".text.start"))) void alpha_work(uint32_t window)
{
	twin_calls = window;
}

static __attribute__((noipa)) void orders_done(void)
{
}

/* Thousands of instructions: bh-next must step over the call, not through it. */
static __attribute__((noipa)) void count_to(uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		counted++;
}

static __attribute__((noipa)) void publish(int32_t port, uint32_t window)
{
	bh_sampling_write(port, &window, sizeof(window));   /* gdb test: the hypercall line */
	published = window;                                 /* gdb test: the line after it */
}

int main(void)
{
	int32_t reading = bh_port_open("reading", NULL);
	int32_t orders = bh_port_open("orders", NULL);
	uint32_t window = 0;

	for (;;) {
		window = bh_window_wait_after(window);
		alpha_work(window);
		count_to(2000);   /* gdb test: a long call */
		if (window <= ORDERS) {
			bh_queuing_send(orders, &window, sizeof(window));
			if (window == ORDERS)
				orders_done();
		}
		publish(reading, window);
	}
}
