/*
 * Demo heartbeat: driven by a periodic virtual timer, one tick 300 us into each of its windows,
 * blocked (costing no CPU) between ticks.
 */
#include <bulkhead.h>

#define OFFSET_NS 300000ull

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t beats;
static volatile uint64_t beat_ns;

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_TIMER) {
		beat_ns = bh_time_ns();
		beats++;
	}
}

int main(void)
{
	struct bh_partition_status st;
	uint32_t printed = 0;
	uint64_t first;

	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_mask(BH_VINT_WINDOW_START, 1);
	bh_partition_status(BH_SELF, &st);
	/* the first tick in the next window, then one per major frame: always inside the window */
	first = st.window_start_ns + st.major_frame_ns + OFFSET_NS;
	bh_vint_set_timer(st.major_frame_ns, first - bh_time_ns());
	bh_vint_enable(1);
	bh_set_mode(BH_MODE_NORMAL);
	printf("ticking every %llu us, %llu us into each window\n", st.major_frame_ns / 1000,
	       OFFSET_NS / 1000);
	for (;;) {
		bh_vint_block();
		if (beats != printed) {
			printed = beats;
			printf("beat %u at t=%llu ns\n", printed, beat_ns);
		}
	}
}
