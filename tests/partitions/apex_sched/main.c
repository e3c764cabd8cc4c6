/*
 * The APEX layer's scheduler on one vcpu, in ARINC 653 Part 3's style: a driver process runs
 * scenarios one after the other and prints `check <name>: ok` or `check <name>: FAILED got X
 * want Y` for each; the order processes ran in is kept as a string of marks. A periodic process
 * of the highest priority runs through it all, 1,000 releases, and prints its worst lateness.
 */
#include <ARINC653.h>
#include <bulkhead.h>
#include "../apex_check.h"
#include "../apex_stubs.h"

#define US 1000ll
#define FRAME (250 * US)        /* the major frame: releases at the window's start */
#define RELEASES 1000

static char marks[64];
static int marked;
static PROCESS_ID_TYPE low, f[3], ya, yb, sleeper, resumed, delayed, high, periodic_id;
static SYSTEM_TIME_TYPE delayed_at, sleep_took;
static RETURN_CODE_TYPE sleep_rc, resumed_rc;
static volatile int periodic_done;
static SYSTEM_TIME_TYPE worst_late, drift;

static void mark(char c)
{
	marks[marked++] = c;
	marks[marked] = 0;
}

static void check_marks(const char *name, const char *want)
{
	if (!strcmp(marks, want)) {
		printf("check %s: ok\n", name);
	} else {
		printf("check %s: FAILED got %s want %s\n", name, marks, want);
		failed++;
	}
	marked = 0;
	marks[0] = 0;
}

static SYSTEM_TIME_TYPE now(void)
{
	SYSTEM_TIME_TYPE t;
	RETURN_CODE_TYPE rc;

	GET_TIME(&t, &rc);
	return t;
}

static void low_main(void) { mark('L'); }
static void f0_main(void) { mark('1'); }
static void f1_main(void) { mark('2'); }
static void f2_main(void) { mark('3'); }

static void ya_main(void)
{
	RETURN_CODE_TYPE rc;

	mark('a');
	TIMED_WAIT(0, &rc);
	mark('A');
}

static void yb_main(void)
{
	RETURN_CODE_TYPE rc;

	mark('b');
	TIMED_WAIT(0, &rc);
	mark('B');
}

static void sleeper_main(void)
{
	SYSTEM_TIME_TYPE t0 = now();

	SUSPEND_SELF(400 * US, &sleep_rc);
	sleep_took = now() - t0;
}

static void resumed_main(void)
{
	SUSPEND_SELF(INFINITE_TIME_VALUE, &resumed_rc);
	mark('R');
}

static void delayed_main(void) { delayed_at = now(); }
static void high_main(void) { mark('H'); }

static void periodic_main(void)
{
	PROCESS_STATUS_TYPE status;
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE first = 0;

	for (int k = 0; k < RELEASES; k++) {
		SYSTEM_TIME_TYPE t = now(), release;

		GET_PROCESS_STATUS(periodic_id, &status, &rc);
		release = status.DEADLINE_TIME - status.ATTRIBUTES.TIME_CAPACITY;
		if (k == 0)
			first = release;
		if (release - (first + k * FRAME) > drift || first + k * FRAME - release > drift)
			drift = release > first + k * FRAME ? release - first - k * FRAME :
				first + k * FRAME - release;
		if (t - release > worst_late)
			worst_late = t - release;
		PERIODIC_WAIT(&rc);
	}
	periodic_done = 1;
}

static void driver_main(void)
{
	RETURN_CODE_TYPE rc;
	LOCK_LEVEL_TYPE level;
	SYSTEM_TIME_TYPE t0;
	int i;

	/* SET_PRIORITY raising a ready process above the caller: it runs before the call returns */
	mark('d');
	SET_PRIORITY(low, 60, &rc);
	mark('D');
	check_marks("set_priority_preempts", "dLD");

	/* equal priorities: in the order they became ready, after the running one yields */
	for (i = 0; i < 3; i++)
		START(f[i], &rc);
	mark('S');
	TIMED_WAIT(0, &rc);
	check_marks("fifo_equal_priorities", "S123");

	/* TIMED_WAIT(0): behind every other ready process of its priority */
	START(ya, &rc);
	START(yb, &rc);
	TIMED_WAIT(0, &rc);
	mark('D');
	TIMED_WAIT(0, &rc);
	check_marks("timed_wait_0_yields", "abDAB");

	/* SUSPEND_SELF's timeout, and RESUME ending a suspension */
	START(sleeper, &rc);
	START(resumed, &rc);
	RESUME(resumed, &rc);
	check("resume_rc", rc, NO_ERROR);
	TIMED_WAIT(600 * US + FRAME, &rc);
	check("suspend_self_timeout_rc", sleep_rc, TIMED_OUT);
	check("suspend_self_timeout_not_early", sleep_took >= 400 * US, 1);
	check("suspend_self_timeout_on_time", sleep_took <= 400 * US + FRAME, 1);
	check("resume_wakes_suspended", resumed_rc, NO_ERROR);
	check_marks("resume_runs", "R");
	printf("suspend_self(400 us) took %lld ns\n", sleep_took);

	/* DELAYED_START: the process's first instruction DELAY_TIME later */
	t0 = now();
	DELAYED_START(delayed, 300 * US, &rc);
	check("delayed_start_rc", rc, NO_ERROR);
	TIMED_WAIT(500 * US + FRAME, &rc);
	check("delayed_start_not_early", delayed_at - t0 >= 300 * US, 1);
	check("delayed_start_on_time", delayed_at - t0 <= 300 * US + FRAME, 1);
	printf("delayed_start(300 us) ran after %lld ns\n", delayed_at - t0);

	/* lock levels: nothing preempts until the last UNLOCK_PREEMPTION */
	LOCK_PREEMPTION(&level, &rc);
	check("lock_level_1", level, 1);
	START(high, &rc);
	mark('l');
	LOCK_PREEMPTION(&level, &rc);
	check("lock_level_2", level, 2);
	TIMED_WAIT(10 * US, &rc);
	check("timed_wait_locked", rc, INVALID_MODE);
	UNLOCK_PREEMPTION(&level, &rc);
	mark('m');
	UNLOCK_PREEMPTION(&level, &rc);
	mark('u');
	check("unlock_level_0", level, 0);
	check_marks("lock_holds_preemption", "lmHu");
	for (i = 0; i < MAX_LOCK_LEVEL; i++)
		LOCK_PREEMPTION(&level, &rc);
	check("lock_max_level", level, MAX_LOCK_LEVEL);
	LOCK_PREEMPTION(&level, &rc);
	check("lock_beyond_max", rc, INVALID_CONFIG);
	for (i = 0; i < MAX_LOCK_LEVEL; i++)
		UNLOCK_PREEMPTION(&level, &rc);
	UNLOCK_PREEMPTION(&level, &rc);
	check("unlock_at_0", rc, NO_ACTION);

	while (!periodic_done)
		TIMED_WAIT(10 * FRAME, &rc);
	check("periodic_no_drift", drift, 0);
	check("periodic_lateness_bounded", worst_late <= 20 * US, 1);
	printf("periodic: %d releases, worst lateness %lld ns\n", RELEASES, worst_late);
	printf("apex_sched: done, %d failed\n", failed);
}

int main(void)
{
	RETURN_CODE_TYPE rc;
	PROCESS_ID_TYPE driver;

	driver = create_aperiodic("driver", driver_main, 50);
	low = create_aperiodic("low", low_main, 10);
	f[0] = create_aperiodic("f0", f0_main, 50);
	f[1] = create_aperiodic("f1", f1_main, 50);
	f[2] = create_aperiodic("f2", f2_main, 50);
	ya = create_aperiodic("ya", ya_main, 50);
	yb = create_aperiodic("yb", yb_main, 50);
	sleeper = create_aperiodic("sleeper", sleeper_main, 60);
	resumed = create_aperiodic("resumed", resumed_main, 60);
	delayed = create_aperiodic("delayed", delayed_main, 70);
	high = create_aperiodic("high", high_main, 90);
	periodic_id = create_process("periodic", periodic_main, 100, FRAME, 100 * US, SOFT, NULL);
	START(driver, &rc);
	START(low, &rc);
	START(periodic_id, &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	printf("SET_PARTITION_MODE(NORMAL) returned %d\n", (int)rc);
	return 0;
}
