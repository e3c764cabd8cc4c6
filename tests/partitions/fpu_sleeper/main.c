/*
 * A sender of the FPU covert channel (issue 15) that signals by being there or not: in the
 * windows whose bit of a fixed pseudo-random pattern is set it runs and uses the FPU; through
 * the others it sleeps on a virtual timer, so that the CPU never enters its address space and
 * idles instead. A partition after it could once tell the two apart by finding its own FPU state
 * still loaded after an idle window.
 */
#include <bulkhead.h>

#define PATTERN 0x9e3779b97f4a7c15ull
#define WAKE_INTO_WINDOW_NS 1000

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t timer_expiries;

static uint32_t bit(uint32_t window)
{
	return (uint32_t)(PATTERN >> (window % 64)) & 1;
}

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_TIMER)
		timer_expiries++;
}

int main(void)
{
	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_mask(BH_VINT_WINDOW_START, 1);
	bh_vint_enable(1);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		struct bh_partition_status st = { 0 };
		uint32_t next, expiries = timer_expiries;
		uint64_t wake;

		bh_partition_status(BH_SELF, &st);
		__asm__ volatile("fld1; fstp %%st(0)" ::: "memory");
		printf("window %u start t=%llu ns bit 1\n", st.windows_entered, st.window_start_ns);
		/* one window a frame: the next one to run in starts a whole number of frames on */
		for (next = st.windows_entered + 1; !bit(next); next++)
			;
		wake = st.window_start_ns + (next - st.windows_entered) * st.major_frame_ns +
		       WAKE_INTO_WINDOW_NS;
		bh_vint_set_timer(0, wake - bh_time_ns());
		while (timer_expiries == expiries)
			bh_vint_block();
	}
}
