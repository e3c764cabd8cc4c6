/*
 * Demo control: two vcpus sharing the partition's window round robin.
 * vcpu 0 reads the altitude samples; vcpu 1 sends a command per window to the logger.
 */
#include <bulkhead.h>

static struct bh_window_watch window;
static uint8_t vcpu1_stack[8192] __attribute__((aligned(16)));

/* Reports the first time this vcpu runs in each window. */
static void note_window(uint32_t vcpu, uint32_t *seen)
{
	if (bh_window_begins(&window))
		printf("window %u start t=%llu ns vcpu %u\n", window.count, window.start_ns, vcpu);
	if (*seen != window.count) {
		*seen = window.count;
		printf("window %u vcpu %u running at t=%llu ns\n", window.count, vcpu, bh_time_ns());
	}
}

static void commander(void *arg)
{
	int32_t port = bh_port_open("commands", NULL);
	uint32_t seen = 0, sent_in = 0, sequence = 0;

	(void)arg;
	printf("vcpu 1 started, port 'commands' handle %d\n", port);
	for (;;) {
		note_window(1, &seen);
		if (sent_in != window.count) {
			char command[48];
			int n = snprintf(command, sizeof(command), "trim %u", ++sequence);

			sent_in = window.count;
			if (bh_queuing_send(port, command, (uint32_t)n + 1) == 0)
				printf("window %u vcpu 1 sent '%s'\n", window.count, command);
		}
	}
}

int main(void)
{
	int32_t port = bh_port_open("altitude", NULL);
	uint32_t seen = 0, read_in = 0;

	printf("started on vcpu %u, port 'altitude' handle %d\n", bh_vcpu_index(), port);
	bh_vcpu_start(1, commander, NULL, vcpu1_stack, sizeof(vcpu1_stack));
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		note_window(0, &seen);
		if (read_in != window.count) {
			struct bh_sample_info info;
			uint32_t altitude = 0;

			read_in = window.count;
			if (bh_sampling_read(port, &altitude, sizeof(altitude), &info) > 0)
				printf("window %u vcpu 0 read altitude %u (age %llu us, %s)\n",
				       window.count, altitude, info.age_ns / 1000,
				       info.valid ? "valid" : "stale");
		}
	}
}
