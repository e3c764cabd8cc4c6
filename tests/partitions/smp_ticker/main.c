/*
 * A periodic virtual timer on each of two CPUs at once (tests/configs/smp_tickers.c): arms a
 * TICK_NS periodic timer, then for RUN_NS of its own time notes every gap longer than GAP_NS
 * between two reads of the clock (time it did not run) and counts its ticks; then prints them.
 */
#include <bulkhead.h>

#define TICK_NS 10000u
#define RUN_NS 10000000u
#define GAP_NS 150000u        /* more than the 100 us between its windows: a window missed */

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t ticks;

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	if (line == BH_VINT_TIMER)
		ticks += 1 + frame->missed;
}

int main(void)
{
	uint64_t start, last, longest = 0, longest_at = 0;
	uint32_t gaps = 0;

	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);
	bh_set_mode(BH_MODE_NORMAL);
	start = last = bh_time_ns();
	bh_vint_set_timer(TICK_NS, TICK_NS);
	for (;;) {
		uint64_t now = bh_time_ns();

		if (now - last > longest) {
			longest = now - last;
			longest_at = last;
		}
		if (now - last > GAP_NS && gaps++ < 5)
			printf("no run from t=%llu to %llu ns\n", last, now);
		last = now;
		if (now - start >= RUN_NS)
			break;
	}
	bh_vint_set_timer(0, 0);
	printf("ran from t=%llu to %llu ns, %u ticks, %u gaps over %u ns, longest %llu ns from "
	       "t=%llu ns\n", start, last, ticks, gaps, GAP_NS, longest, longest_at);
	for (;;)
		bh_vint_block();
}
