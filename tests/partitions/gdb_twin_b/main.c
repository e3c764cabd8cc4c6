/*
 * GDB helper test (tests/suites/test_gdb_partitions.py), partition beta of gdb_twins: laid out
 * like gdb_twin_a, so beta_work and twin_value lie at alpha_work's and alpha's twin_value's
 * addresses. vcpu 0 calls beta_work once per window; vcpu 1 waits for ever on "wakeup", on which
 * nothing is sent. beta never reads "orders" or "reading": their state stays as alpha left it.
 */
#include <bulkhead.h>

volatile uint32_t twin_value = 0xbe7a0002;
volatile uint32_t twin_calls;

/* in .text.start, which runtime/partition.ld puts right after crt0's: the same address in both */
__attribute__((noipa, section(".text.start"))) void beta_work(uint32_t window)
{
	twin_calls = window;
}

static uint8_t waiter_stack[2048] __attribute__((aligned(16)));

static void waiter(void *arg)
{
	int32_t wakeup = bh_port_open("wakeup", NULL);
	uint32_t message;

	(void)arg;
	for (;;)
		bh_queuing_receive(wakeup, &message, sizeof(message), BH_WAIT_FOREVER);
}

int main(void)
{
	uint32_t window = 0;

	bh_vcpu_start(1, waiter, NULL, waiter_stack, sizeof(waiter_stack));
	for (;;) {
		window = bh_window_wait_after(window);
		beta_work(window);
	}
}
