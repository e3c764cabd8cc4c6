/*
 * Demo control: two vcpus sharing the partition's window round robin (500 us quantum).
 * vcpu 0 reads the altitude samples; vcpu 1 sends a command per window to the logger.
 */
#include <bulkhead.h>

static uint8_t vcpu1_stack[8192] __attribute__((aligned(16)));
static uint8_t upcall_stacks[2][2048] __attribute__((aligned(16)));
static volatile uint32_t reported;   /* the last window whose start was printed */

/* Prints each window's start once, and the first time this vcpu runs in it. */
static void note_window(uint32_t vcpu, uint32_t *seen)
{
	uint64_t start;
	uint32_t window = bh_window_current(&start), last = reported;

	/* only forward: a vcpu preempted after reading `window` may hold an old one */
	if (window > last && __atomic_compare_exchange_n(&reported, &last, window, 0,
							  __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		printf("window %u start t=%llu ns\n", window, start);
	if (*seen != window) {
		*seen = window;
		printf("window %u vcpu %u running at t=%llu ns\n", window, vcpu, bh_time_ns());
	}
}

static void commander(void *arg)
{
	int32_t port;
	uint32_t seen = 0, sent_in = 0, sequence = 0;

	(void)arg;
	bh_watch_windows(upcall_stacks[1], sizeof(upcall_stacks[1]));
	port = bh_port_open("commands", NULL);
	if (port < 0)
		printf("vcpu 1 started, port 'commands' not opened: %s\n", bh_strerror(port));
	else
		printf("vcpu 1 started, port 'commands' handle %d\n", port);
	for (;;) {
		note_window(1, &seen);
		if (sent_in != seen) {
			char command[48];
			int n = snprintf(command, sizeof(command), "trim %u", ++sequence);

			sent_in = seen;
			if (bh_queuing_send(port, command, (uint32_t)n + 1) == 0)
				printf("window %u vcpu 1 sent '%s'\n", seen, command);
		}
	}
}

int main(void)
{
	int32_t port;
	uint32_t seen = 0, read_in = 0;

	bh_watch_windows(upcall_stacks[0], sizeof(upcall_stacks[0]));
	port = bh_port_open("altitude", NULL);
	if (port < 0)
		printf("started on vcpu %u, port 'altitude' not opened: %s\n", bh_vcpu_index(),
		       bh_strerror(port));
	else
		printf("started on vcpu %u, port 'altitude' handle %d\n", bh_vcpu_index(), port);
	bh_vcpu_start(1, commander, NULL, vcpu1_stack, sizeof(vcpu1_stack));
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		note_window(0, &seen);
		if (read_in != seen) {
			struct bh_sample_info info;
			uint32_t altitude = 0;

			read_in = seen;
			if (bh_sampling_read(port, &altitude, sizeof(altitude), &info) > 0)
				printf("window %u vcpu 0 read altitude %u (age %llu us, %s)\n", seen,
				       altitude, info.age_ns / 1000, info.valid ? "valid" : "stale");
		}
	}
}
