/*
 * A partition that is no system partition (tests/configs/schedules.c): schedule_set is refused,
 * schedule_status and schedule_find are not; then it prints its window starts, and how many
 * schedule lines (BH_VINT_SCHEDULE) its upcall took.
 */
#include <bulkhead.h>

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
	uint32_t seen = 0, lines = 0;

	printf("set 1: %s\n", bh_strerror(bh_schedule_set(1)));
	printf("status: %s, current %u\n", bh_strerror(bh_schedule_status(&st)), st.current);
	printf("find flight: %d\n", bh_schedule_find("flight"));
	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);
	for (;;) {
		seen = bh_window_wait_after(seen);
		if (schedule_lines != lines) {
			lines = schedule_lines;
			bh_schedule_status(&st);
			printf("schedule line %u in window %u: current %u since %llu ns\n", lines, seen,
			       st.current, st.last_switch_ns);
		}
	}
}
