/*
 * bench_apex_src (configs/bench_apex.c): what the APEX layer's paths cost inside a partition,
 * measured one phase after another by the conductor process, then the sending side of a queuing
 * port between two APEX partitions (bench_apex_dst times the receiving side). Each figure is
 * TSC ticks: instructions under -icount.
 *   apex_get_time          GET_TIME: t1 - t0 around the call, less the back-to-back cost
 *   apex_process_switch    the conductor (priority 10) calls SIGNAL_SEMAPHORE; `waiter`
 *                          (priority 20), blocked in WAIT_SEMAPHORE, runs: from the conductor's
 *                          read before the call to the waiter's first read after its
 *                          WAIT_SEMAPHORE returns, less the back-to-back cost
 *   apex_signal_no_switch  SIGNAL_SEMAPHORE of a semaphore nobody waits on: the service alone
 *   apex_periodic_release  a periodic process (priority 30, period 500 us) released inside
 *                          the window while `spinner` (priority 1) spins reading the TSC: from
 *                          the spinner's last read before the release to the periodic process's
 *                          first read after its PERIODIC_WAIT returns (within one
 *                          3-instruction turn of the spin loop)
 *   apex_window_release    its other releases, on the partition's release points (its window's
 *                          planned start): from that time to the clock read of a GET_TIME right
 *                          after PERIODIC_WAIT returns, in ns (an instruction each under
 *                          -icount), the kernel's window switch included
 *   apex_send_64           SEND_QUEUING_MESSAGE of 64 bytes into a queue with room, timeout 0
 * A sample longer than BENCH_DROP_ABOVE was cut by the end of the window: dropped. When done,
 * the partition writes "bench_apex_done" for bench_apex_dst, which ends the run.
 */
#include <ARINC653.h>
#include <bulkhead.h>

#define MESSAGE_BYTES 64
#define BATCH 16                 /* sends per window: fits a window and the queue's depth */
#define MS_TIME(x) ((SYSTEM_TIME_TYPE)(x) * 1000000)
/* A name as the services take it: a whole NAME_TYPE (the C binding's array), from a literal */
#define NAME(text) ((NAME_TYPE){ text })

static uint32_t time_values[BENCH_SAMPLES], switch_values[BENCH_SAMPLES];
static uint32_t signal_values[BENCH_SAMPLES];
static uint32_t release_values[BENCH_SAMPLES], start_values[BENCH_SAMPLES];
static uint32_t send_values[BENCH_SAMPLES];
static struct bh_samples get_times = BH_SAMPLES(time_values, BENCH_DROP_ABOVE);
static struct bh_samples switches = BH_SAMPLES(switch_values, BENCH_DROP_ABOVE);
static struct bh_samples signals = BH_SAMPLES(signal_values, BENCH_DROP_ABOVE);
static struct bh_samples releases = BH_SAMPLES(release_values, BENCH_DROP_ABOVE);
static struct bh_samples window_starts = BH_SAMPLES(start_values, BENCH_DROP_ABOVE);
static struct bh_samples sends = BH_SAMPLES(send_values, BENCH_DROP_ABOVE);

static uint32_t overhead;
static SEMAPHORE_ID_TYPE wake, phase_done, counter;
static PROCESS_ID_TYPE waiter_id, spinner_id, periodic_id;
static QUEUING_PORT_ID_TYPE queue;
static SAMPLING_PORT_ID_TYPE done_port;
static volatile uint32_t signal_t0;
static volatile uint32_t spin_last;

static void waiter(void)
{
	RETURN_CODE_TYPE rc;

	for (;;) {
		WAIT_SEMAPHORE(wake, INFINITE_TIME_VALUE, &rc);
		uint32_t t1 = (uint32_t)bh_rdtsc();

		bh_samples_add(&switches, t1 - signal_t0 - overhead);
	}
}

/* rdtsc, mov, jmp: the last read is at most one turn before any interruption */
static void spinner(void)
{
	__asm__ volatile("1:\n\t"
			 "rdtsc\n\t"
			 "movl %%eax, %0\n\t"
			 "jmp 1b"
			 : "=m"(spin_last) : : "eax", "edx");
}

/*
 * Released first at a release point of the partition (its window's start), then every 500 us:
 * inside the window, then at the next window's start, and so on.
 */
static void periodic(void)
{
	PROCESS_STATUS_TYPE status;
	SYSTEM_TIME_TYPE now;
	RETURN_CODE_TYPE rc;

	while (!bh_samples_full(&releases) || !bh_samples_full(&window_starts)) {
		PERIODIC_WAIT(&rc);   /* inside the window */
		uint32_t first = (uint32_t)bh_rdtsc();

		bh_samples_add(&releases, first - spin_last);
		PERIODIC_WAIT(&rc);   /* at the next window's start */
		GET_TIME(&now, &rc);
		GET_PROCESS_STATUS(periodic_id, &status, &rc);
		/* the release this job belongs to: its deadline less its capacity */
		bh_samples_add(&window_starts, (uint32_t)(now - (status.DEADLINE_TIME -
								 status.ATTRIBUTES.TIME_CAPACITY)));
	}
	SIGNAL_SEMAPHORE(phase_done, &rc);
	STOP_SELF();
}

static void conductor(void)
{
	uint8_t message[MESSAGE_BYTES];
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE now;

	while (!bh_samples_full(&get_times)) {
		uint64_t t0 = bh_rdtsc();

		GET_TIME(&now, &rc);
		bh_samples_add(&get_times, (uint32_t)(bh_rdtsc() - t0) - overhead);
	}

	while (!bh_samples_full(&signals)) {
		uint64_t t0 = bh_rdtsc();

		SIGNAL_SEMAPHORE(counter, &rc);
		bh_samples_add(&signals, (uint32_t)(bh_rdtsc() - t0) - overhead);
	}

	START(waiter_id, &rc);   /* it runs at once and waits on `wake` */
	while (!bh_samples_full(&switches)) {
		signal_t0 = (uint32_t)bh_rdtsc();
		SIGNAL_SEMAPHORE(wake, &rc);
	}
	STOP(waiter_id, &rc);

	START(spinner_id, &rc);
	START(periodic_id, &rc);
	WAIT_SEMAPHORE(phase_done, INFINITE_TIME_VALUE, &rc);
	STOP(spinner_id, &rc);

	memset(message, 0x5a, sizeof(message));
	while (!bh_samples_full(&sends)) {
		TIMED_WAIT(MS_TIME(1), &rc);   /* the next window, at the same offset */
		for (uint32_t i = 0; i < BATCH; i++) {
			uint64_t t0 = bh_rdtsc();

			SEND_QUEUING_MESSAGE(queue, message, sizeof(message), 0, &rc);
			uint64_t t1 = bh_rdtsc();

			if (rc != NO_ERROR)
				break;   /* full: the destination has not caught up yet */
			bh_samples_add(&sends, (uint32_t)(t1 - t0) - overhead);
		}
	}

	bh_samples_report("apex_get_time", &get_times, overhead, NULL);
	bh_samples_report("apex_process_switch", &switches, overhead, NULL);
	bh_samples_report("apex_signal_no_switch", &signals, overhead, NULL);
	bh_samples_report("apex_periodic_release", &releases, 0, NULL);
	bh_samples_report("apex_window_release", &window_starts, 0, NULL);
	bh_samples_report("apex_send_64", &sends, overhead, NULL);
	WRITE_SAMPLING_MESSAGE(done_port, (MESSAGE_ADDR_TYPE)"done", 4, &rc);
	STOP_SELF();
}

static PROCESS_ID_TYPE create(const NAME_TYPE name, void (*entry)(void), SYSTEM_TIME_TYPE period,
			      PRIORITY_TYPE priority)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = period, .TIME_CAPACITY = period,   /* a periodic one's is at most its period */
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry, .STACK_SIZE = 8192,
		.BASE_PRIORITY = priority, .DEADLINE = SOFT,
	};
	PROCESS_ID_TYPE id = 0;
	RETURN_CODE_TYPE rc;

	for (int i = 0; i < MAX_NAME_LENGTH; i++)
		a.NAME[i] = name[i];
	CREATE_PROCESS(&a, &id, &rc);
	if (rc != NO_ERROR)
		printf("CREATE_PROCESS %.30s: %d\n", name, (int)rc);
	return id;
}

int main(void)
{
	PROCESS_ID_TYPE conductor_id;
	RETURN_CODE_TYPE rc;

	overhead = bh_rdtsc_overhead();
	CREATE_SEMAPHORE(NAME("wake"), 0, 1, FIFO, &wake, &rc);
	CREATE_SEMAPHORE(NAME("phase_done"), 0, 1, FIFO, &phase_done, &rc);
	CREATE_SEMAPHORE(NAME("counter"), 0, MAX_SEMAPHORE_VALUE, FIFO, &counter, &rc);
	CREATE_QUEUING_PORT(NAME("bench_apex_queue"), MESSAGE_BYTES, 32, SOURCE, FIFO, &queue, &rc);
	CREATE_SAMPLING_PORT(NAME("bench_apex_done"), 4, SOURCE, MS_TIME(1000), &done_port, &rc);
	conductor_id = create(NAME("conductor"), conductor, INFINITE_TIME_VALUE, 10);
	waiter_id = create(NAME("waiter"), waiter, INFINITE_TIME_VALUE, 20);
	spinner_id = create(NAME("spinner"), spinner, INFINITE_TIME_VALUE, 1);
	periodic_id = create(NAME("periodic"), periodic, MS_TIME(1) / 2, 30);
	START(conductor_id, &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
