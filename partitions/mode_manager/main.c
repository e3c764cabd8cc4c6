/*
 * The mode manager of configs/modes_demo.c, a system partition: it lets the "ground" schedule run
 * GROUND_FRAMES frames, asks for "flight" by name, and tells what the kernel reports when the
 * schedule line (BH_VINT_SCHEDULE) arrives in its first window of the new schedule.
 */
#include <bulkhead.h>

#define GROUND_FRAMES 3

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t schedule_lines;

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_SCHEDULE)
		schedule_lines++;
}

int main(void)
{
	struct bh_schedule_status st = { 0 };
	int32_t flight = bh_schedule_find("flight");
	uint32_t seen = 0, told = 0;

	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		seen = bh_window_wait_after(seen);
		bh_schedule_status(&st);
		if (seen == GROUND_FRAMES && flight >= 0) {
			printf("frame %llu: ground checks done, asking for 'flight' (id %d)\n", st.frame,
			       flight);
			bh_schedule_set((uint32_t)flight);
		}
		if (schedule_lines != told) {
			told = schedule_lines;
			printf("frame %llu: schedule %u in force since t=%llu ns (major frame %llu us)\n",
			       st.frame, st.current, st.last_switch_ns, st.major_frame_ns / 1000);
		}
	}
}
