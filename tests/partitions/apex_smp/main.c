/*
 * The APEX layer on two vcpus that one CPU shares by a 10 us quantum (hostile: it preempts a
 * vcpu anywhere, inside the layer's lock too): a process bound to each vcpu runs in parallel
 * with the other; two processes on the two vcpus hammer one lock-guarded counter; two more play
 * ping-pong through wait queues, each wake crossing vcpus by doorbell. White-box: it uses the
 * layer's internal.h, as an object's service does.
 */
#include <ARINC653.h>
#include <bulkhead.h>
#include "../../../apex/core.h"
#include "../apex_check.h"
#include "../apex_stubs.h"

#define US 1000ll
#define HAMMER 20000
#define ROUNDS 2000

static volatile uint32_t counter, inside, overlaps, contended, hammered[2];
static volatile uint32_t spins[2];
static PROCESS_ID_TYPE spinner[2], hammer[2], pong[2], driver;
static volatile PROCESSOR_CORE_ID_TYPE core_of[2];
static struct apex_wait_queue turn_queue[2];
static volatile int turn, rounds[2];

static int my_index(void)
{
	PROCESSOR_CORE_ID_TYPE core;
	RETURN_CODE_TYPE rc;

	GET_MY_PROCESSOR_CORE_ID(&core, &rc);
	return (int)core;
}

static void spinner_main(void)
{
	int me = my_index();

	core_of[me] = me;
	for (;;)
		spins[me]++;
}

static void hammer_main(void)
{
	int me = my_index();

	for (int i = 0; i < HAMMER; i++) {
		if (__atomic_load_n(&apex_core.owner, __ATOMIC_SEQ_CST))
			contended++;
		apex_lock();
		if (inside++)
			overlaps++;
		/* a read, a pause, a write: another vcpu inside would lose increments */
		uint32_t c = counter;

		for (volatile int k = 0; k < 20; k++)
			;
		counter = c + 1;
		inside--;
		apex_unlock();
	}
	hammered[me] = 1;
}

static void pong_main(void)
{
	int me = my_index();

	apex_lock();
	for (int i = 0; i < ROUNDS; i++) {
		while (turn != me)
			apex_wait(&turn_queue[me], INFINITE_TIME_VALUE);
		rounds[me]++;
		turn = !me;
		apex_wake_first(&turn_queue[!me]);
	}
	apex_unlock();
}

static void driver_main(void)
{
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE t0, t1;
	uint32_t before[2];

	/* both spinners progress in the same stretch of time: each vcpu runs its own */
	TIMED_WAIT(200 * US, &rc);
	before[0] = spins[0];
	before[1] = spins[1];
	TIMED_WAIT(1000 * US, &rc);
	check("parallel_vcpu0_progresses", spins[0] > before[0], 1);
	check("parallel_vcpu1_progresses", spins[1] > before[1], 1);
	check("spinner_core_ids", core_of[0] * 10 + core_of[1], 1);
	STOP(spinner[0], &rc);
	STOP(spinner[1], &rc);

	GET_TIME(&t0, &rc);
	START(hammer[0], &rc);
	START(hammer[1], &rc);
	while (!hammered[0] || !hammered[1])
		TIMED_WAIT(100 * US, &rc);
	GET_TIME(&t1, &rc);
	check("lock_counter", counter, 2 * HAMMER);
	check("lock_overlaps", overlaps, 0);
	check("lock_contended", contended > 0, 1);
	printf("lock: %d increments on each of 2 vcpus in %lld us, the lock found taken %u times\n",
	       HAMMER, (t1 - t0) / US, contended);

	GET_TIME(&t0, &rc);
	START(pong[0], &rc);
	START(pong[1], &rc);
	while (rounds[0] + rounds[1] < 2 * ROUNDS)
		TIMED_WAIT(100 * US, &rc);
	GET_TIME(&t1, &rc);
	check("pingpong_rounds", rounds[0] + rounds[1], 2 * ROUNDS);
	printf("pingpong: %d wakes across vcpus in %lld us\n", 2 * ROUNDS, (t1 - t0) / US);
	printf("apex_smp: done, %d failed\n", failed);
}

/* An aperiodic process bound to vcpu `core`. */
static PROCESS_ID_TYPE create(const char *name, void (*entry)(void), PRIORITY_TYPE priority,
			      PROCESSOR_CORE_ID_TYPE core)
{
	PROCESS_ID_TYPE id = create_aperiodic(name, entry, priority);
	RETURN_CODE_TYPE rc;

	INITIALIZE_PROCESS_CORE_AFFINITY(id, core, &rc);
	if (rc != NO_ERROR)
		printf("INITIALIZE_PROCESS_CORE_AFFINITY %s: %d\n", name, (int)rc);
	return id;
}

int main(void)
{
	RETURN_CODE_TYPE rc;

	apex_wait_queue_init(&turn_queue[0], FIFO);
	apex_wait_queue_init(&turn_queue[1], FIFO);
	driver = create("driver", driver_main, 50, 0);
	spinner[0] = create("spinner0", spinner_main, 10, 0);
	spinner[1] = create("spinner1", spinner_main, 10, 1);
	hammer[0] = create("hammer0", hammer_main, 20, 0);
	hammer[1] = create("hammer1", hammer_main, 20, 1);
	pong[0] = create("pong0", pong_main, 30, 0);
	pong[1] = create("pong1", pong_main, 30, 1);
	START(driver, &rc);
	START(spinner[0], &rc);
	START(spinner[1], &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
