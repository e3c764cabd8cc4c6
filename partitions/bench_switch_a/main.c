/*
 * bench_switch_a (configs/bench.c): the partition before bench_switch_b in the frame, with no gap
 * between their windows. It spins reading the TSC for its whole windows and
 *   - tells bench_switch_b, on the queuing port "bench_switch" in its next window, the last read
 *     of each window: b pairs it with its own first read after the switch (see bench_switch_b);
 *   - keeps the largest gap between two consecutive reads inside each window (timer_tick_absent):
 *     one turn of the loop when nothing interrupts a vcpu running alone in its window.
 * It stops when b says on "bench_switch_done" that it has its samples.
 */
#include <bulkhead.h>

/* a gap this many loop turns long is more than the loop: an interruption */
#define INTERRUPTION_TURNS 20

struct switch_message {
	uint32_t window;
	uint32_t last_read;    /* low TSC word */
};

/* One window spun through, up to the boundary that ended it. */
struct window_spin {
	uint32_t last_read;          /* the read before the boundary */
	uint32_t largest;            /* the largest gap between consecutive reads inside */
	uint32_t interruptions;      /* gaps longer than INTERRUPTION_TURNS turns */
	uint32_t next_window;        /* the window the boundary led into */
};

static uint32_t gap_values[BENCH_SAMPLES];
static struct bh_samples largest_gaps = BH_SAMPLES(gap_values, BENCH_DROP_ABOVE);

static uint32_t windows_entered(void)
{
	struct bh_partition_status st;

	return bh_partition_status(BH_SELF, &st) == 0 ? st.windows_entered : 0;
}

/*
 * Spins until window `window` ends, asking for the window number at every new largest gap (the
 * question comes after the read, so it is in no gap). The boundary is the one that ended the
 * window only if next_window is window + 1: one that falls in that hypercall is not seen by the
 * loop, which then runs into the next.
 */
static void spin_through_window(uint32_t window, uint32_t turn, struct window_spin *r)
{
	uint32_t limit = 0;

	r->largest = 0;
	r->interruptions = 0;
	for (;;) {
		uint32_t before, after;

		bh_spin_until_gap(limit, &before, &after);
		r->last_read = before;
		r->next_window = windows_entered();
		if (r->next_window != window)
			return;
		if (after - before > r->largest)
			r->largest = after - before;
		if (after - before > INTERRUPTION_TURNS * turn)
			r->interruptions++;
		limit = r->largest;
	}
}

int main(void)
{
	int32_t port = bh_port_open("bench_switch", NULL);
	int32_t done_port = bh_port_open("bench_switch_done", NULL);
	uint32_t turn, before, after, window, interruptions = 0, done = 0;
	int whole = 0;   /* the current window began at a boundary the loop saw */
	struct bh_sample_info info;
	char extra[40];

	bh_set_mode(BH_MODE_NORMAL);
	bh_spin_until_gap(0, &before, &after);
	turn = after - before;
	window = windows_entered();
	while (!done) {
		struct window_spin r;
		int seen;

		spin_through_window(window, turn, &r);
		seen = r.next_window == window + 1;
		if (seen) {
			struct switch_message m = { window, r.last_read };

			bh_queuing_send(port, &m, sizeof(m));
			if (whole) {
				bh_samples_add(&largest_gaps, r.largest);
				interruptions += r.interruptions;
			}
		}
		whole = seen;
		window = r.next_window;
		if (bh_sampling_read(done_port, &done, sizeof(done), &info) != (int32_t)sizeof(done))
			done = 0;
	}
	snprintf(extra, sizeof(extra), "interruptions=%u", interruptions);
	bh_samples_report("timer_tick_absent", &largest_gaps, turn, extra);
	return 0;
}
