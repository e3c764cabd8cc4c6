/*
 * bench_port_dst (configs/bench.c): a 64-byte sampling read and queuing receive of what
 * bench_port_src writes and sends, each timed as t1 - t0 around the runtime's wrapper less the
 * back-to-back rdtsc cost. The system partition: once every other partition has reported and
 * halted, it shuts the machine down.
 */
#include <bulkhead.h>

#define MESSAGE_BYTES 64
#define BATCH 16           /* reads per window, as many as bench_port_src writes */

static uint32_t read_values[BENCH_SAMPLES], receive_values[BENCH_SAMPLES];
static struct bh_samples sampling_reads = BH_SAMPLES(read_values, BENCH_DROP_ABOVE);
static struct bh_samples queuing_receives = BH_SAMPLES(receive_values, BENCH_DROP_ABOVE);

static int halted(const struct bh_partition_status *st)
{
	for (uint32_t i = 0; i < st->vcpu_count; i++)
		if (st->vcpu_state[i] != BH_VCPU_HALTED && st->vcpu_state[i] != BH_VCPU_DOWN)
			return 0;
	return 1;
}

/* Every role halts after printing its report; a partition that failed to start never ran. */
static int all_others_halted(uint32_t self)
{
	struct bh_partition_status st;

	for (uint32_t id = 0; bh_partition_status(id, &st) == 0; id++)
		if (id != self && !halted(&st))
			return 0;
	return 1;
}

/* The end of a run: the machine stops once the other partitions are done. */
static void finish_when_all_halted(void)
{
	uint32_t self = bh_partition_id();

	while (!all_others_halted(self))
		bh_yield();
	printf("BENCH done\n");
	bh_shutdown();
}

int main(void)
{
	int32_t sampling = bh_port_open("bench_sampling", NULL);
	int32_t queue = bh_port_open("bench_queue", NULL);
	uint32_t overhead = bh_rdtsc_overhead();
	uint32_t window = 0;
	uint8_t message[MESSAGE_BYTES];

	bh_set_mode(BH_MODE_NORMAL);
	while (!bh_samples_full(&sampling_reads) || !bh_samples_full(&queuing_receives)) {
		/* a batch starts with a whole window ahead */
		window = bh_window_wait_after(window);
		for (uint32_t i = 0; i < BATCH; i++) {
			struct bh_sample_info info;
			uint64_t t0 = bh_rdtsc();
			int32_t length = bh_sampling_read(sampling, message, sizeof(message), &info);
			uint64_t t1 = bh_rdtsc();

			if (length == MESSAGE_BYTES)
				bh_samples_add(&sampling_reads, (uint32_t)(t1 - t0) - overhead);
		}
		for (;;) {
			uint64_t t0 = bh_rdtsc();
			int32_t length = bh_queuing_receive(queue, message, sizeof(message), 0);
			uint64_t t1 = bh_rdtsc();

			if (length != MESSAGE_BYTES)
				break;   /* empty: a receive that finds nothing is no 64-byte receive */
			bh_samples_add(&queuing_receives, (uint32_t)(t1 - t0) - overhead);
		}
	}
	bh_samples_report("sampling_read_64", &sampling_reads, overhead, NULL);
	bh_samples_report("queuing_receive_64", &queuing_receives, overhead, NULL);
	finish_when_all_halted();
	return 0;
}
