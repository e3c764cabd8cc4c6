/*
 * bench_switch_b (configs/bench.c): the partition switch at a window boundary. Its window begins
 * where bench_switch_a's ends. Both spin reading the TSC; b's first read in its window minus a's
 * last read in the window before, less one turn of the spin loop, is the switch: timer interrupt,
 * scheduling decision, address-space switch, return to ring 3. (The instructions a ran after its
 * last read plus those b ran before its first read make one turn on average, and between one
 * instruction and two turns less one: the figure is within a turn.) The TSC is one clock for the
 * machine; the partitions share no memory: a sends its reads on the queuing port "bench_switch",
 * numbered by window, and b tells a on "bench_switch_done" when it has its samples.
 */
#include <bulkhead.h>

/* a gap this many loop turns long is more than the loop: a window boundary, or an interruption */
#define BOUNDARY_TURNS 20
#define HISTORY 8

struct switch_message {
	uint32_t window;
	uint32_t last_read;    /* low TSC word */
};

static uint32_t switch_values[BENCH_SAMPLES];
static struct bh_samples switches = BH_SAMPLES(switch_values, BENCH_DROP_ABOVE);

static uint32_t windows_entered(void)
{
	struct bh_partition_status st;

	return bh_partition_status(BH_SELF, &st) == 0 ? st.windows_entered : 0;
}

int main(void)
{
	int32_t port = bh_port_open("bench_switch", NULL);
	int32_t done_port = bh_port_open("bench_switch_done", NULL);
	uint32_t first_read[HISTORY] = { 0 }, first_window[HISTORY] = { 0 };
	uint32_t turn, before, after, window, done = 1;

	bh_set_mode(BH_MODE_NORMAL);
	bh_spin_until_gap(0, &before, &after);
	turn = after - before;
	window = windows_entered();
	while (!bh_samples_full(&switches)) {
		struct switch_message m;
		uint32_t now_in;

		bh_spin_until_gap(BOUNDARY_TURNS * turn, &before, &after);
		now_in = windows_entered();
		/* a boundary in the hypercall above is not seen by the loop: window + 2 then */
		if (now_in == window + 1) {
			first_read[now_in % HISTORY] = after;
			first_window[now_in % HISTORY] = now_in;
		}
		window = now_in;
		while (bh_queuing_receive(port, &m, sizeof(m), 0) == (int32_t)sizeof(m)) {
			/* a's window m.window ended where b's window of the same number began */
			if (first_window[m.window % HISTORY] != m.window)
				continue;
			bh_samples_add(&switches, first_read[m.window % HISTORY] - m.last_read - turn);
		}
	}
	bh_sampling_write(done_port, &done, sizeof(done));
	bh_samples_report("partition_switch", &switches, turn, NULL);
	return 0;
}
