/*
 * Edge cases of the APEX layer that a review found wrong, one `check <name>: ok` line each (on
 * two vcpus: a mutex waiter on vcpu 1 while its holder runs on vcpu 0):
 *   - a wait that times out while its process is SUSPENDed reports TIMED_OUT once RESUMEd (not
 *     NO_ERROR: it never got what it waited for);
 *   - a timeout too large to add to the clock (INT64_MAX) is no timeout, not one already past;
 *   - a process waiting for a mutex cannot be SUSPENDed (INVALID_MODE);
 *   - an error handler that takes one error per run and stops, with two deadlines missed at
 *     once queued for it, is started again at its stop for the second.
 */
#include "../apex_check.h"

#define US 1000ll
#define STACK 4096

static PROCESS_ID_TYPE waiter, late[2];
static SEMAPHORE_ID_TYPE sem, never;
static MUTEX_ID_TYPE mutex;
static PROCESS_ID_TYPE mwaiter;
static volatile int mwaiter_done;
static volatile RETURN_CODE_TYPE waiter_rc = -1, huge_rc = -1;
static volatile int waiter_done, huge_done, handled;

/* waits 100 us on a semaphore nobody signals */
static void waiter_process(void)
{
	RETURN_CODE_TYPE rc;

	WAIT_SEMAPHORE(never, 100 * US, &rc);
	waiter_rc = rc;
	waiter_done = 1;
	STOP_SELF();
}

/* waits with a timeout of INT64_MAX on a semaphore signalled 300 us later */
static void huge_process(void)
{
	RETURN_CODE_TYPE rc;

	WAIT_SEMAPHORE(sem, INT64_MAX, &rc);
	huge_rc = rc;
	huge_done = 1;
	STOP_SELF();
}

/* on vcpu 1: waits for the mutex the driver, on vcpu 0, holds */
static void mwaiter_process(void)
{
	RETURN_CODE_TYPE rc;

	ACQUIRE_MUTEX(mutex, INFINITE_TIME_VALUE, &rc);
	RELEASE_MUTEX(mutex, &rc);
	mwaiter_done = 1;
	STOP_SELF();
}

/* periodic, both released together, capacity 20 us: both miss their deadline at once, in one
 * pass of the scheduler, so that two errors wait for the handler before it runs */
static void late_process(void)
{
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE start, now;

	GET_TIME(&start, &rc);
	do
		GET_TIME(&now, &rc);
	while (now - start < 60 * US);
	STOP_SELF();
}

/* takes one error per run, then stops */
static void handler(void)
{
	ERROR_STATUS_TYPE status;
	RETURN_CODE_TYPE rc;

	GET_ERROR_STATUS(&status, &rc);
	if (rc == NO_ERROR) {
		printf("handler: %.*s by process %ld\n", (int)status.LENGTH,
		       (const char *)status.MESSAGE, status.FAILED_PROCESS_ID);
		handled++;
	}
	STOP_SELF();
}

static void driver(void)
{
	RETURN_CODE_TYPE rc;
	PROCESS_ID_TYPE huge;
	PROCESS_STATUS_TYPE status;
	NAME_TYPE n;

	/* the waiter waits; suspended meanwhile; its timeout passes; resumed */
	START(waiter, &rc);
	TIMED_WAIT(20 * US, &rc);
	SUSPEND(waiter, &rc);
	check("suspend_waiter", rc, NO_ERROR);
	TIMED_WAIT(300 * US, &rc);
	check("still_suspended", waiter_done, 0);
	RESUME(waiter, &rc);
	check("resume_waiter", rc, NO_ERROR);
	TIMED_WAIT(50 * US, &rc);
	check("waiter_timed_out", waiter_rc, TIMED_OUT);
	/* a timeout of INT64_MAX: still waiting after 300 us, woken by the signal */
	name_of(n, "huge");
	GET_PROCESS_ID(n, &huge, &rc);
	START(huge, &rc);
	TIMED_WAIT(300 * US, &rc);
	check("huge_timeout_still_waits", huge_done, 0);
	SIGNAL_SEMAPHORE(sem, &rc);
	TIMED_WAIT(50 * US, &rc);
	check("huge_timeout_woken", huge_done == 1 && huge_rc == NO_ERROR, 1);
	/* a process waiting for a mutex cannot be suspended */
	ACQUIRE_MUTEX(mutex, 0, &rc);
	check("acquire_mutex", rc, NO_ERROR);
	START(mwaiter, &rc);
	/* it runs on vcpu 1 meanwhile: a holder may not wait, so it looks until the other does */
	for (int i = 0; i < 100000; i++) {
		GET_PROCESS_STATUS(mwaiter, &status, &rc);
		if (status.PROCESS_STATE == WAITING)
			break;
	}
	check("mutex_waiter_waits", status.PROCESS_STATE, WAITING);
	SUSPEND(mwaiter, &rc);
	check("suspend_mutex_waiter", rc, INVALID_MODE);
	RELEASE_MUTEX(mutex, &rc);
	for (int i = 0; i < 100000 && !mwaiter_done; i++)
		GET_PROCESS_STATUS(mwaiter, &status, &rc);
	check("mutex_waiter_went_on", mwaiter_done, 1);
	/* two errors at once, a handler that takes one per run */
	START(late[0], &rc);
	START(late[1], &rc);
	TIMED_WAIT(1000 * US, &rc);
	check("handler_took_both", handled, 2);
	printf("apex_edges: done, %d failed\n", failed);
	STOP_SELF();
}

int main(void)
{
	RETURN_CODE_TYPE rc;
	NAME_TYPE n;

	name_of(n, "sem");
	CREATE_SEMAPHORE(n, 0, 1, FIFO, &sem, &rc);
	name_of(n, "never");
	CREATE_SEMAPHORE(n, 0, 1, FIFO, &never, &rc);
	name_of(n, "mutex");
	CREATE_MUTEX(n, 25, FIFO, &mutex, &rc);
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)handler, STACK, &rc);
	waiter = create_aperiodic("waiter", waiter_process, 20);
	create_aperiodic("huge", huge_process, 20);
	mwaiter = create_aperiodic("mwaiter", mwaiter_process, 20);
	INITIALIZE_PROCESS_CORE_AFFINITY(mwaiter, 1, &rc);
	late[0] = create_process("late0", late_process, 30, 500 * US, 20 * US, HARD, NULL);
	late[1] = create_process("late1", late_process, 30, 500 * US, 20 * US, HARD, NULL);
	START(create_aperiodic("driver", driver, 10), &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
