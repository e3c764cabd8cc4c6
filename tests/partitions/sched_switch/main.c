/*
 * The system partition of tests/configs/schedules.c: checks schedule_find, schedule_set's
 * refusals and a replacing request, times one request made in the middle of a frame, then
 * switches between "ground" and "flight" SWITCHES times, one switch a frame, printing its own
 * window starts for check_windows_on_time.
 */
#include <bulkhead.h>

#define SWITCHES 1000

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

static struct bh_schedule_status status(void)
{
	struct bh_schedule_status st = { 0 };

	bh_schedule_status(&st);
	return st;
}

int main(void)
{
	uint32_t seen = 0, switches = 0;
	int32_t ground = bh_schedule_find("ground"), flight = bh_schedule_find("flight");
	int32_t cruise = bh_schedule_find("cruise");
	struct bh_schedule_status st = status(), before;
	uint64_t start, asked;

	printf("find: ground %d flight %d cruise %d nope %s\n", ground, flight, cruise,
	       bh_strerror(bh_schedule_find("nope")));
	printf("status: current %u next %u last switch %llu count %u\n", st.current, st.next,
	       st.last_switch_ns, st.count);
	printf("set 7: %s, set %u (the count): %s\n", bh_strerror(bh_schedule_set(7)), st.count,
	       bh_strerror(bh_schedule_set(st.count)));
	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	seen = bh_window_next(seen, &start);
	printf("window %u start t=%llu ns\n", seen, start);
	/* flight, then cruise instead; asking for the one in force would cancel */
	bh_schedule_set((uint32_t)flight);
	bh_schedule_set((uint32_t)cruise);
	st = status();
	printf("after set flight, set cruise: next %u\n", st.next);
	bh_schedule_set((uint32_t)ground);
	st = status();
	printf("after set ground: next %u\n", st.next);
	/* in the middle of this frame: the switch comes at its end */
	bh_schedule_set((uint32_t)cruise);
	before = status();
	asked = bh_time_ns();
	printf("asked for cruise at t=%llu ns in frame %llu (start %llu ns, major %llu ns)\n", asked,
	       before.frame, before.frame_start_ns, before.major_frame_ns);
	for (;;) {
		seen = bh_window_next(seen, &start);
		printf("window %u start t=%llu ns\n", seen, start);
		st = status();
		if (st.current == (uint32_t)cruise)
			break;
	}
	printf("switched to %u at t=%llu ns, frame %llu (switches %u)\n", st.current,
	       st.last_switch_ns, st.frame, st.switches);
	/* back and forth, each request made in the window after the last switch */
	bh_schedule_set((uint32_t)ground);
	while (switches < SWITCHES) {
		uint32_t was = st.switches;

		seen = bh_window_next(seen, &start);
		printf("window %u start t=%llu ns\n", seen, start);
		st = status();
		if (st.switches == was)
			continue;
		switches++;
		if (switches < SWITCHES)
			bh_schedule_set(st.current == (uint32_t)ground ? (uint32_t)flight : (uint32_t)ground);
	}
	printf("done: %u switches, now %u\n", switches, st.current);
	for (;;) {
		seen = bh_window_next(seen, &start);
		printf("window %u start t=%llu ns\n", seen, start);
	}
}
