/*
 * The APEX objects across two vcpus that one CPU shares by a 10 us quantum (hostile: it preempts
 * a vcpu inside the layer's lock too), tests/configs/apex_obj_smp.c:
 *   a producer on vcpu 0 sends numbered messages through a 4-deep buffer to a consumer on
 *   vcpu 1, both waiting as the buffer fills and empties: every message arrives, in order;
 *   a mutex's owner on vcpu 0 releases it while a waiter on vcpu 1 waits for it: the waiter
 *   owns it at once, at the mutex's priority; then the owner is stopped while the waiter waits
 *   again: the waiter owns it.
 * Prints `check <name>: ok` or `check <name>: FAILED got X want Y`.
 */
#include <ARINC653.h>
#include <bulkhead.h>
#include "../apex_names.h"
#include "../apex_stubs.h"

#define US 1000ll
#define MESSAGES 2000
#define STACK 4096
#define MUTEX_PRIORITY 50

static BUFFER_ID_TYPE pipe;
static MUTEX_ID_TYPE mutex;
static EVENT_ID_TYPE pipe_done, all_done;
static SEMAPHORE_ID_TYPE again;
static PROCESS_ID_TYPE producer, consumer, owner, waiter, stopper;

static void barrier(void)
{
	__asm__ volatile("" ::: "memory");
}

static MUTEX_STATUS_TYPE mutex_status(void)
{
	MUTEX_STATUS_TYPE status;
	RETURN_CODE_TYPE rc;

	GET_MUTEX_STATUS(mutex, &status, &rc);
	return status;
}

static PRIORITY_TYPE priority_of(PROCESS_ID_TYPE id)
{
	PROCESS_STATUS_TYPE status;
	RETURN_CODE_TYPE rc;

	GET_PROCESS_STATUS(id, &status, &rc);
	return status.CURRENT_PRIORITY;
}

static void producer_main(void)
{
	RETURN_CODE_TYPE rc = NO_ERROR;
	uint32_t failures = 0;

	for (uint32_t i = 0; i < MESSAGES; i++) {
		SEND_BUFFER(pipe, (APEX_BYTE *)&i, sizeof(i), INFINITE_TIME_VALUE, &rc);
		failures += rc != NO_ERROR;
	}
	check("pipe_sends", failures, 0);
}

static void consumer_main(void)
{
	uint32_t value, expected = 0, out_of_order = 0, failures = 0;
	MESSAGE_SIZE_TYPE length;
	RETURN_CODE_TYPE rc;

	for (int i = 0; i < MESSAGES; i++) {
		RECEIVE_BUFFER(pipe, INFINITE_TIME_VALUE, (APEX_BYTE *)&value, &length, &rc);
		failures += rc != NO_ERROR || length != sizeof(value);
		out_of_order += value != expected;
		expected = value + 1;
	}
	check("pipe_receives", failures, 0);
	check("pipe_in_order", out_of_order, 0);
	check("pipe_last", expected, MESSAGES);
	SET_EVENT(pipe_done, &rc);
}

static void owner_main(void)
{
	RETURN_CODE_TYPE rc;

	WAIT_EVENT(pipe_done, INFINITE_TIME_VALUE, &rc);
	ACQUIRE_MUTEX(mutex, 0, &rc);
	check("smp_owner_acquires", rc, NO_ERROR);
	while (mutex_status().WAITING_PROCESSES == 0)
		barrier();
	RELEASE_MUTEX(mutex, &rc);
	check("smp_owner_releases", rc, NO_ERROR);
	check("smp_release_hands_over", mutex_status().MUTEX_OWNER, waiter);
	check("smp_owner_back_to_base", priority_of(owner), 20);

	/* again, and this time the owner is stopped while the waiter waits */
	WAIT_SEMAPHORE(again, INFINITE_TIME_VALUE, &rc);
	ACQUIRE_MUTEX(mutex, INFINITE_TIME_VALUE, &rc);
	check("smp_owner_acquires_again", rc, NO_ERROR);
	START(stopper, &rc);
	for (;;)
		barrier();
}

static void waiter_main(void)
{
	RETURN_CODE_TYPE rc;

	WAIT_EVENT(pipe_done, INFINITE_TIME_VALUE, &rc);
	while (mutex_status().MUTEX_STATE != OWNED)
		barrier();
	ACQUIRE_MUTEX(mutex, INFINITE_TIME_VALUE, &rc);
	check("smp_waiter_acquires", rc, NO_ERROR);
	check("smp_waiter_at_mutex_priority", priority_of(waiter), MUTEX_PRIORITY);
	RELEASE_MUTEX(mutex, &rc);
	check("smp_waiter_back_to_base", priority_of(waiter), 20);
	SIGNAL_SEMAPHORE(again, &rc);
	while (mutex_status().MUTEX_OWNER != owner)
		barrier();
	ACQUIRE_MUTEX(mutex, INFINITE_TIME_VALUE, &rc);
	check("smp_stop_hands_over", rc, NO_ERROR);
	check("smp_stop_new_owner", mutex_status().MUTEX_OWNER, waiter);
	check("smp_stop_lock_count", mutex_status().LOCK_COUNT, 1);
	RELEASE_MUTEX(mutex, &rc);
	SET_EVENT(all_done, &rc);
}

static void stopper_main(void)
{
	RETURN_CODE_TYPE rc;

	while (mutex_status().WAITING_PROCESSES == 0)
		TIMED_WAIT(10 * US, &rc);
	STOP(owner, &rc);
	check("smp_stop_owner", rc, NO_ERROR);
	WAIT_EVENT(all_done, INFINITE_TIME_VALUE, &rc);
	printf("apex_obj_smp: done, %d failed\n", failed);
}

static PROCESS_ID_TYPE create(const char *name, void (*entry)(void), PRIORITY_TYPE priority,
			      PROCESSOR_CORE_ID_TYPE core)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = INFINITE_TIME_VALUE, .TIME_CAPACITY = INFINITE_TIME_VALUE,
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry, .STACK_SIZE = STACK,
		.BASE_PRIORITY = priority, .DEADLINE = SOFT,
	};
	PROCESS_ID_TYPE id = 0;
	RETURN_CODE_TYPE rc;

	name_of(a.NAME, name);
	CREATE_PROCESS(&a, &id, &rc);
	if (rc == NO_ERROR)
		INITIALIZE_PROCESS_CORE_AFFINITY(id, core, &rc);
	if (rc != NO_ERROR)
		printf("creating %s: %d\n", name, (int)rc);
	return id;
}

int main(void)
{
	RETURN_CODE_TYPE rc;

	CREATE_BUFFER(N("pipe"), 4, 4, FIFO, &pipe, &rc);
	CREATE_MUTEX(N("mutex"), MUTEX_PRIORITY, FIFO, &mutex, &rc);
	CREATE_EVENT(N("pipe_done"), &pipe_done, &rc);
	CREATE_EVENT(N("all_done"), &all_done, &rc);
	CREATE_SEMAPHORE(N("again"), 0, 1, FIFO, &again, &rc);
	producer = create("producer", producer_main, 10, 0);
	consumer = create("consumer", consumer_main, 10, 1);
	owner = create("owner", owner_main, 20, 0);
	waiter = create("waiter", waiter_main, 20, 1);
	stopper = create("stopper", stopper_main, 100, 0);
	START(producer, &rc);
	START(consumer, &rc);
	START(owner, &rc);
	START(waiter, &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	printf("SET_PARTITION_MODE(NORMAL) returned %d\n", (int)rc);
	return 0;
}
