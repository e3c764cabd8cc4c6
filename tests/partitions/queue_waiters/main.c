/*
 * Two vcpus blocked on one queuing port (found by hc_fuzz, seed 0x5eed0001): vcpu 0 waits with a
 * buffer too small for any message, vcpu 1 with one that fits, and qsender sends its numbered
 * messages. A receive blocked while the queue holds a message must end the way a receive made then
 * would: vcpu 0 with BH_EMSGSIZE, vcpu 1 with the oldest message. vcpu 1 must get 0, 1, 2... in
 * order, none missing, and neither may stay blocked while a message waits.
 */
#include <bulkhead.h>

#define EXPECTED 300u

static uint8_t vcpu1_stack[4096] __attribute__((aligned(16)));
static int32_t port;
static volatile uint32_t too_small, timed_out, small_other;

static void fitting_receiver(void *arg)
{
	uint32_t expected = 0, value, out_of_order = 0;
	int32_t n;

	(void)arg;
	while (expected < EXPECTED) {
		n = bh_queuing_receive(port, &value, sizeof(value), BH_WAIT_FOREVER);
		if (n != sizeof(value)) {
			printf("fitting receive: %d\n", n);
			break;
		}
		if (value != expected) {
			if (out_of_order++ < 5)
				printf("fitting receive: got %u, expected %u\n", value, expected);
			expected = value;
		}
		expected++;
	}
	printf("fitting receiver: %u messages, %u out of order; small receiver: %u EMSGSIZE, "
	       "%u timeouts, %u other\n", expected, out_of_order, too_small, timed_out, small_other);
}

int main(void)
{
	uint8_t byte;

	port = bh_port_open("stream", NULL);
	bh_vcpu_start(1, fitting_receiver, NULL, vcpu1_stack, sizeof(vcpu1_stack));
	/* vcpu 0 is first in the kernel's list of waiters: it is asked first */
	for (;;) {
		int32_t n = bh_queuing_receive(port, &byte, sizeof(byte), 200);

		if (n == BH_EMSGSIZE) {
			too_small++;
			bh_yield();      /* let the fitting receiver take the message */
		} else if (n == BH_ETIMEDOUT) {
			timed_out++;
		} else {
			small_other++;
		}
	}
}
