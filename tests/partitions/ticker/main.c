/*
 * A periodic virtual timer, blocking between ticks: 1,000 periods of 1 ms, each tick's delivery
 * time printed. Its windows cover every tick (see tests/configs/vint.c).
 */
#include <bulkhead.h>

#define PERIOD_NS 1000000ull
#define TICKS 1000

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t ticks, missed;
static volatile uint64_t tick_ns;

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	if (line != BH_VINT_TIMER)
		return;
	tick_ns = bh_time_ns();
	missed += frame->missed;
	ticks++;
}

int main(void)
{
	uint32_t printed = 0;
	uint64_t first;

	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_mask(BH_VINT_WINDOW_START, 1);
	/* the first tick half a period from now, then one per period */
	first = bh_time_ns() + PERIOD_NS / 2;
	bh_vint_set_timer(PERIOD_NS, PERIOD_NS / 2);
	bh_vint_enable(1);
	printf("timer armed: first %llu ns, period %llu ns\n", first, PERIOD_NS);
	while (printed < TICKS) {
		bh_vint_block();
		if (ticks != printed) {
			printed = ticks;
			printf("tick %u t=%llu ns missed %u\n", printed, tick_ns, missed);
		}
	}
	bh_vint_set_timer(0, 0);
	printf("done: %u ticks\n", printed);
	bh_vint_block();
	return 0;
}
