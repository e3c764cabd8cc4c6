/*
 * Soak destination, two vcpus sharing its window. vcpu 0 drains the queue "soak_q" and checks
 * every number: none lost, duplicated or out of order. vcpu 1 reads the sample "soak_s" (the
 * source's window number: one more each window, always valid) and counts the ticks of a periodic
 * virtual timer, delivered or missed outside the window: they must match the time elapsed.
 */
#include <bulkhead.h>
#include "../sequence.h"

#define REPORT_EVERY 100
#define TICK_NS 250000u

static uint8_t upcall_stacks[2][2048] __attribute__((aligned(16)));
static uint8_t vcpu1_stack[4096] __attribute__((aligned(16)));
static volatile uint32_t ticks;

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	if (line == BH_VINT_TIMER)
		ticks += 1 + frame->missed;
}

static void sampler(void *arg)
{
	int32_t port = bh_port_open("soak_s", NULL);
	uint32_t seen = 0, last = 0, reads = 0, out_of_step = 0, stale = 0;
	uint64_t armed;

	(void)arg;
	bh_upcall_register(on_vint, upcall_stacks[1], sizeof(upcall_stacks[1]));
	bh_vint_enable(1);
	armed = bh_time_ns();
	bh_vint_set_timer(TICK_NS, TICK_NS);
	for (;;) {
		struct bh_sample_info info;
		uint64_t start;
		uint32_t window = bh_window_current(&start), value;

		if (window == seen) {
			bh_vint_block();
			continue;
		}
		seen = window;
		if (bh_sampling_read(port, &value, sizeof(value), &info) == sizeof(value)) {
			reads++;
			out_of_step += last && value != last + 1;
			stale += !info.valid;
			last = value;
		}
		if (seen % REPORT_EVERY == 0) {
			uint64_t elapsed = bh_time_ns() - armed;

			printf("window %u: %u samples read, %u out of step, %u stale; timer ticks %u, "
			       "elapsed %llu periods\n", seen, reads, out_of_step, stale, ticks,
			       elapsed / TICK_NS);
		}
	}
}

int main(void)
{
	int32_t port;
	struct sequence seq = { 0 };
	uint32_t seen = 0, value;

	bh_watch_windows(upcall_stacks[0], sizeof(upcall_stacks[0]));
	port = bh_port_open("soak_q", NULL);
	bh_set_mode(BH_MODE_NORMAL);
	bh_vcpu_start(1, sampler, NULL, vcpu1_stack, sizeof(vcpu1_stack));
	for (;;) {
		uint64_t start;
		uint32_t window = bh_window_current(&start);

		while (bh_queuing_receive(port, &value, sizeof(value), 0) == sizeof(value)) {
			sequence_note(&seq, value);
		}
		if (window == seen) {
			bh_vint_block();
			continue;
		}
		seen = window;
		printf("window %u start t=%llu ns\n", seen, start);
		if (seen % REPORT_EVERY == 0)
			printf("window %u: received %u, lost %u, duplicated %u, reordered %u\n", seen,
			       seq.received, seq.lost, seq.duplicated, seq.reordered);
	}
}
