/*
 * bench_port_src (configs/bench.c): a 64-byte sampling write and queuing send, each timed as
 * t1 - t0 around the runtime's wrapper less the back-to-back rdtsc cost, so the wrapper's
 * argument set-up is in. bench_port_dst times the other ends; tools/bench.py adds the two up.
 */
#include <bulkhead.h>

#define MESSAGE_BYTES 64
#define BATCH 16           /* messages per window: fits a window and the queue's depth */

static uint32_t write_values[BENCH_SAMPLES], send_values[BENCH_SAMPLES];
static struct bh_samples sampling_writes = BH_SAMPLES(write_values, BENCH_DROP_ABOVE);
static struct bh_samples queuing_sends = BH_SAMPLES(send_values, BENCH_DROP_ABOVE);

int main(void)
{
	int32_t sampling = bh_port_open("bench_sampling", NULL);
	int32_t queue = bh_port_open("bench_queue", NULL);
	uint32_t overhead = bh_rdtsc_overhead();
	uint32_t window = 0;
	uint8_t message[MESSAGE_BYTES];

	bh_set_mode(BH_MODE_NORMAL);
	memset(message, 0x5a, sizeof(message));
	while (!bh_samples_full(&sampling_writes) || !bh_samples_full(&queuing_sends)) {
		/* a batch starts with a whole window ahead */
		window = bh_window_wait_after(window);
		for (uint32_t i = 0; i < BATCH; i++) {
			uint64_t t0 = bh_rdtsc();
			int32_t written = bh_sampling_write(sampling, message, sizeof(message));
			uint64_t t1 = bh_rdtsc();

			if (written == 0)
				bh_samples_add(&sampling_writes, (uint32_t)(t1 - t0) - overhead);
		}
		for (uint32_t i = 0; i < BATCH; i++) {
			uint64_t t0 = bh_rdtsc();
			int32_t sent = bh_queuing_send(queue, message, sizeof(message));
			uint64_t t1 = bh_rdtsc();

			if (sent != 0)
				break;   /* full: the destination has not caught up yet */
			bh_samples_add(&queuing_sends, (uint32_t)(t1 - t0) - overhead);
		}
	}
	bh_samples_report("sampling_write_64", &sampling_writes, overhead, NULL);
	bh_samples_report("queuing_send_64", &queuing_sends, overhead, NULL);
	return 0;
}
