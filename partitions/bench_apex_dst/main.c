/*
 * bench_apex_dst (configs/bench_apex.c): the receiving side of a queuing port between two APEX
 * partitions, RECEIVE_QUEUING_MESSAGE of the 64-byte messages bench_apex_src sends, timeout 0,
 * t1 - t0 around the call less the back-to-back cost (apex_receive_64). The system partition:
 * once bench_apex_src has written "bench_apex_done", it ends the run.
 */
#include <ARINC653.h>
#include <bulkhead.h>

#define MESSAGE_BYTES 64
#define BATCH 16                 /* receives per window, as many as bench_apex_src sends */
#define MS_TIME(x) ((SYSTEM_TIME_TYPE)(x) * 1000000)
/* A name as the services take it: a whole NAME_TYPE (the C binding's array), from a literal */
#define NAME(text) ((NAME_TYPE){ text })

static uint32_t receive_values[BENCH_SAMPLES];
static struct bh_samples receives = BH_SAMPLES(receive_values, BENCH_DROP_ABOVE);
static QUEUING_PORT_ID_TYPE queue;
static SAMPLING_PORT_ID_TYPE done_port;
static uint32_t overhead;

static void receiver(void)
{
	uint8_t message[MESSAGE_BYTES], flag[4];
	MESSAGE_SIZE_TYPE length;
	VALIDITY_TYPE validity;
	RETURN_CODE_TYPE rc;

	while (!bh_samples_full(&receives)) {
		TIMED_WAIT(MS_TIME(1), &rc);   /* the next window, at the same offset */
		for (uint32_t i = 0; i < BATCH; i++) {
			uint64_t t0 = bh_rdtsc();

			RECEIVE_QUEUING_MESSAGE(queue, 0, message, &length, &rc);
			uint64_t t1 = bh_rdtsc();

			if (rc != NO_ERROR)
				break;   /* empty: the source's next batch comes in its next window */
			bh_samples_add(&receives, (uint32_t)(t1 - t0) - overhead);
		}
	}
	bh_samples_report("apex_receive_64", &receives, overhead, NULL);
	do {
		TIMED_WAIT(MS_TIME(1), &rc);
		READ_SAMPLING_MESSAGE(done_port, flag, &length, &validity, &rc);
	} while (rc != NO_ERROR);
	printf("BENCH done\n");
	bh_shutdown();
}

int main(void)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = INFINITE_TIME_VALUE, .TIME_CAPACITY = INFINITE_TIME_VALUE,
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)receiver, .STACK_SIZE = 8192,
		.BASE_PRIORITY = 10, .DEADLINE = SOFT, .NAME = "receiver",
	};
	PROCESS_ID_TYPE id;
	RETURN_CODE_TYPE rc;

	overhead = bh_rdtsc_overhead();
	CREATE_QUEUING_PORT(NAME("bench_apex_queue"), MESSAGE_BYTES, 32, DESTINATION, FIFO, &queue, &rc);
	CREATE_SAMPLING_PORT(NAME("bench_apex_done"), 4, DESTINATION, MS_TIME(1000), &done_port, &rc);
	CREATE_PROCESS(&a, &id, &rc);
	START(id, &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
