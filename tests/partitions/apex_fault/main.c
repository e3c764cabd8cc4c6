/*
 * The fault line under the APEX layer: a process that divides by zero, one that writes through
 * a null pointer and one that overflows its stack into the guard page below it each reach the
 * layer as BH_VINT_FAULT (the deployment's hm_deliver); the core hands the faulting process to
 * the error service, which holds it and raises its error (a `raise_error` line), and runs the
 * others on, a worker counting all along. STOP and START give a held process a fresh run.
 */
#include <ARINC653.h>
#include <bulkhead.h>
#include "../apex_check.h"
#include "../apex_stubs.h"
#include "../recurse.h"

#define US 1000ll

static PROCESS_ID_TYPE divider, writer, recurser, worker;
static volatile uint32_t work, divider_runs;
static volatile int zero;

static void divider_main(void)
{
	divider_runs++;
	work += 1000 / zero;
}

static void writer_main(void)
{
	*(volatile uint32_t *)(uintptr_t)zero = 1;
}

static void recurser_main(void)
{
	work += recurse(0);
}

static void worker_main(void)
{
	for (;;)
		work++;
}

static PROCESS_STATE_TYPE state_of(PROCESS_ID_TYPE id)
{
	PROCESS_STATUS_TYPE s;
	RETURN_CODE_TYPE rc;

	GET_PROCESS_STATUS(id, &s, &rc);
	return s.PROCESS_STATE;
}

/* starts `id` and waits a while: it faults at once; the worker goes on meanwhile */
static void fault_one(const char *what, PROCESS_ID_TYPE id)
{
	RETURN_CODE_TYPE rc;
	uint32_t before = work;
	char name[40];

	START(id, &rc);
	TIMED_WAIT(300 * US, &rc);
	snprintf(name, sizeof(name), "%s_held", what);
	check(name, state_of(id), FAULTED);
	snprintf(name, sizeof(name), "%s_others_run", what);
	check(name, work > before, 1);
}

static void driver_main(void)
{
	RETURN_CODE_TYPE rc;

	fault_one("divide", divider);
	fault_one("write", writer);
	fault_one("overflow", recurser);
	/* a held process runs again only after STOP and START: from its entry point */
	TIMED_WAIT(300 * US, &rc);
	check("held_stays_held", divider_runs, 1);
	STOP(divider, &rc);
	check("held_stop", rc, NO_ERROR);
	check("held_stopped_dormant", state_of(divider), DORMANT);
	fault_one("restarted", divider);
	check("restarted_ran_again", divider_runs, 2);
	printf("apex_fault: done, %d failed\n", failed);
}

int main(void)
{
	RETURN_CODE_TYPE rc;
	PROCESS_ID_TYPE driver = create_aperiodic("driver", driver_main, 50);

	divider = create_aperiodic("divider", divider_main, 40);
	writer = create_aperiodic("writer", writer_main, 40);
	recurser = create_aperiodic("recurser", recurser_main, 40);
	worker = create_aperiodic("worker", worker_main, 1);
	apex_test_error_handler_create();
	START(driver, &rc);
	START(worker, &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
