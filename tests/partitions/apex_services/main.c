/*
 * The return codes of the APEX layer's process, time and partition services, each error case
 * and the normal case, one `check <name>: ok` (or `FAILED got X want Y`) line each: in the
 * initialization (COLD_START), then in a driver process (NORMAL), then across a WARM_START and a
 * COLD_START restart the partition asks for, and IDLE at the end.
 */
#include <ARINC653.h>
#include <bulkhead.h>
#include "../apex_check.h"
#include "../apex_stubs.h"

#define US 1000ll
#define FRAME (250 * US)
#define STACK 4096
#define LIMIT 10                 /* the deployment's apex.processes */

static PROCESS_ID_TYPE driver, worker, sleeper, per, spare, late;
static volatile int worker_runs, per_checked;

static PROCESS_ATTRIBUTE_TYPE attributes(const char *name, void (*entry)(void),
					 PRIORITY_TYPE priority, SYSTEM_TIME_TYPE period,
					 SYSTEM_TIME_TYPE capacity)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = period, .TIME_CAPACITY = capacity, .ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry,
		.STACK_SIZE = STACK, .BASE_PRIORITY = priority, .DEADLINE = SOFT,
	};

	name_of(a.NAME, name);
	return a;
}

static RETURN_CODE_TYPE create(PROCESS_ATTRIBUTE_TYPE a, PROCESS_ID_TYPE *id)
{
	RETURN_CODE_TYPE rc;

	CREATE_PROCESS(&a, id, &rc);
	return rc;
}

static SYSTEM_TIME_TYPE now(void)
{
	SYSTEM_TIME_TYPE t;
	RETURN_CODE_TYPE rc;

	GET_TIME(&t, &rc);
	return t;
}

static PROCESS_STATUS_TYPE status_of(PROCESS_ID_TYPE id)
{
	PROCESS_STATUS_TYPE s = { 0 };
	RETURN_CODE_TYPE rc;

	GET_PROCESS_STATUS(id, &s, &rc);
	return s;
}

static void worker_main(void)
{
	worker_runs++;
}

/* the lowest priority: runs whenever nothing else may, and stays READY */
static void spare_main(void)
{
	for (;;)
		;
}

/* WAITING whenever the driver looks: a wait far longer than the driver's checks take, so that its
 * end cannot coincide with one (a 50 us wait once ended, with the driver's 20 us one, at the same
 * window start, and the sleeper was READY) */
static void sleeper_main(void)
{
	RETURN_CODE_TYPE rc;

	for (;;)
		TIMED_WAIT(10000 * US, &rc);
}

static void per_main(void)
{
	RETURN_CODE_TYPE rc;
	PROCESS_STATUS_TYPE s;

	SUSPEND_SELF(10 * US, &rc);
	check("suspend_self_periodic", rc, INVALID_MODE);
	s = status_of(per);
	REPLENISH(FRAME, &rc);
	check("replenish_beyond_next_release", rc, INVALID_MODE);
	REPLENISH(50 * US, &rc);
	check("replenish_periodic", rc, NO_ERROR);
	check("replenish_deadline_moved", status_of(per).DEADLINE_TIME < s.DEADLINE_TIME, 1);
	PERIODIC_WAIT(&rc);
	check("periodic_wait", rc, NO_ERROR);
	per_checked = 1;
	for (;;)
		PERIODIC_WAIT(&rc);
}

/* misses its deadline: 50 us of capacity, 300 us of work */
static void late_main(void)
{
	SYSTEM_TIME_TYPE t0 = now();

	while (now() - t0 < 300 * US)
		;
}

static void driver_main(void)
{
	RETURN_CODE_TYPE rc;
	PROCESS_ID_TYPE id;
	PROCESS_INDEX_TYPE index;
	PARTITION_STATUS_TYPE ps;
	PROCESS_STATUS_TYPE s;
	SYSTEM_TIME_TYPE t0, t1;
	LOCK_LEVEL_TYPE level;

	/* the others run first, up to their waits */
	TIMED_WAIT(20 * US, &rc);
	check("create_in_normal", create(attributes("new", worker_main, 5, INFINITE_TIME_VALUE,
						    INFINITE_TIME_VALUE), &id), INVALID_MODE);
	INITIALIZE_PROCESS_CORE_AFFINITY(worker, 0, &rc);
	check("affinity_in_normal", rc, INVALID_MODE);
	SET_PARTITION_MODE(NORMAL, &rc);
	check("set_mode_normal_again", rc, NO_ACTION);
	GET_PARTITION_STATUS(&ps, &rc);
	check("partition_status_normal", ps.OPERATING_MODE, NORMAL);
	GET_MY_ID(&id, &rc);
	check("get_my_id", id, driver);
	GET_MY_INDEX(&index, &rc);
	check("get_my_index", index, 1);
	check("status_running", status_of(driver).PROCESS_STATE, RUNNING);
	check("status_waiting", status_of(sleeper).PROCESS_STATE, WAITING);
	check("status_ready", status_of(spare).PROCESS_STATE, READY);

	/* the caller itself is no PROCESS_ID for these */
	SUSPEND(driver, &rc);
	check("suspend_self_id", rc, INVALID_PARAM);
	RESUME(driver, &rc);
	check("resume_self_id", rc, INVALID_PARAM);
	STOP(driver, &rc);
	check("stop_self_id", rc, INVALID_PARAM);

	SUSPEND(sleeper, &rc);
	check("suspend_waiting", rc, NO_ERROR);
	SUSPEND(sleeper, &rc);
	check("suspend_again", rc, NO_ACTION);
	TIMED_WAIT(200 * US, &rc);
	check("suspended_stays_waiting", status_of(sleeper).PROCESS_STATE, WAITING);
	RESUME(sleeper, &rc);
	check("resume", rc, NO_ERROR);
	RESUME(sleeper, &rc);
	check("resume_not_suspended", rc, NO_ACTION);
	RESUME(per, &rc);
	check("resume_periodic", rc, INVALID_MODE);
	SUSPEND(per, &rc);
	check("suspend_periodic", rc, INVALID_MODE);

	SUSPEND_SELF(-5, &rc);
	check("suspend_self_negative", rc, INVALID_PARAM);
	SUSPEND_SELF(0, &rc);
	check("suspend_self_0", rc, NO_ERROR);
	TIMED_WAIT(-5, &rc);
	check("timed_wait_negative", rc, INVALID_PARAM);
	TIMED_WAIT(INFINITE_TIME_VALUE, &rc);
	check("timed_wait_infinite", rc, INVALID_PARAM);
	t0 = now();
	TIMED_WAIT(30 * US, &rc);
	t1 = now();
	check("timed_wait", rc, NO_ERROR);
	check("timed_wait_not_early", t1 - t0 >= 30 * US, 1);
	PERIODIC_WAIT(&rc);
	check("periodic_wait_aperiodic", rc, INVALID_MODE);

	REPLENISH(-5, &rc);
	check("replenish_negative", rc, INVALID_PARAM);
	t0 = now();
	REPLENISH(10000 * US, &rc);
	t1 = now();
	check("replenish", rc, NO_ERROR);
	s = status_of(driver);
	check("replenish_deadline", s.DEADLINE_TIME >= t0 + 10000 * US &&
	      s.DEADLINE_TIME <= t1 + 10000 * US, 1);
	REPLENISH(INFINITE_TIME_VALUE, &rc);
	check("replenish_infinite", status_of(driver).DEADLINE_TIME, INFINITE_TIME_VALUE);
	while (!per_checked)
		TIMED_WAIT(FRAME, &rc);

	t0 = now();
	check("get_time_on_the_clock", t0 - (SYSTEM_TIME_TYPE)bh_time_ns() <= 0 &&
	      (SYSTEM_TIME_TYPE)bh_time_ns() - t0 < 10 * US, 1);

	SET_PRIORITY(worker, 0, &rc);
	check("set_priority_out_of_range", rc, INVALID_PARAM);
	SET_PRIORITY(spare, 20, &rc);
	check("set_priority", rc, NO_ERROR);
	check("set_priority_current", status_of(spare).CURRENT_PRIORITY, 20);
	check("set_priority_base_kept", status_of(spare).ATTRIBUTES.BASE_PRIORITY, 3);

	/* STOP, then START: from its entry point again */
	STOP(spare, &rc);
	check("stop", rc, NO_ERROR);
	check("stop_dormant", status_of(spare).PROCESS_STATE, DORMANT);
	STOP(spare, &rc);
	check("stop_dormant_again", rc, NO_ACTION);
	START(worker, &rc);
	check("start_runs", worker_runs, 1);
	check("start_returned_dormant", status_of(worker).PROCESS_STATE, DORMANT);
	DELAYED_START(worker, 0, &rc);
	check("delayed_start_0", rc, NO_ERROR);
	check("delayed_start_0_runs", worker_runs, 2);
	START(late, &rc);
	TIMED_WAIT(2 * FRAME, &rc);

	LOCK_PREEMPTION(&level, &rc);
	GET_PARTITION_STATUS(&ps, &rc);
	check("partition_status_lock_level", ps.LOCK_LEVEL, 1);
	UNLOCK_PREEMPTION(&level, &rc);

	printf("apex_services: normal done, %d failed\n", failed);
	SET_PARTITION_MODE(WARM_START, &rc);
}

/* In the initialization: what it may and may not do. */
static void initialization(void)
{
	RETURN_CODE_TYPE rc;
	PARTITION_STATUS_TYPE ps;
	PARTITION_ID_TYPE my_id;
	PROCESS_ID_TYPE id;
	PROCESS_ATTRIBUTE_TYPE a;
	LOCK_LEVEL_TYPE level;
	NAME_TYPE name;

	GET_PARTITION_STATUS(&ps, &rc);
	GET_MY_PARTITION_ID(&my_id, &rc);
	check("partition_status_rc", rc, NO_ERROR);
	check("partition_status_mode", ps.OPERATING_MODE, COLD_START);
	check("partition_status_start", ps.START_CONDITION, NORMAL_START);
	check("partition_status_id", ps.IDENTIFIER, my_id);
	check("partition_status_period", ps.PERIOD, FRAME);
	check("partition_status_duration", ps.DURATION, 100 * US);
	check("partition_status_cores", ps.NUM_ASSIGNED_CORES, 1);
	check("partition_status_lock_level_0", ps.LOCK_LEVEL, 0);

	check("create", create(attributes("driver", driver_main, 50, INFINITE_TIME_VALUE,
					  INFINITE_TIME_VALUE), &driver), NO_ERROR);
	check("create_id", driver > 0, 1);
	check("create_same_name", create(attributes("driver", worker_main, 5, INFINITE_TIME_VALUE,
						    INFINITE_TIME_VALUE), &id), NO_ACTION);
	a = attributes("bad", worker_main, 5, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
	a.STACK_SIZE = 0;
	check("create_stack_0", create(a, &id), INVALID_PARAM);
	a = attributes("bad", worker_main, MIN_PRIORITY_VALUE - 1, INFINITE_TIME_VALUE,
		       INFINITE_TIME_VALUE);
	check("create_priority_low", create(a, &id), INVALID_PARAM);
	a.BASE_PRIORITY = MAX_PRIORITY_VALUE + 1;
	check("create_priority_high", create(a, &id), INVALID_PARAM);
	check("create_period_0", create(attributes("bad", worker_main, 5, 0, INFINITE_TIME_VALUE),
					&id), INVALID_CONFIG);
	check("create_capacity_0", create(attributes("bad", worker_main, 5, INFINITE_TIME_VALUE, 0),
					  &id), INVALID_PARAM);
	check("create_capacity_over_period", create(attributes("bad", worker_main, 5, FRAME,
							       2 * FRAME), &id), INVALID_PARAM);
	a = attributes("bad", worker_main, 5, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
	a.DEADLINE = (DEADLINE_TYPE)7;
	check("create_deadline_kind", create(a, &id), INVALID_PARAM);
	a = attributes("bad", NULL, 5, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
	check("create_no_entry", create(a, &id), INVALID_PARAM);
	a = attributes("huge", worker_main, 5, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE);
	a.STACK_SIZE = 1024 * 1024;
	check("create_stack_beyond_config", create(a, &id), INVALID_CONFIG);

	create(attributes("worker", worker_main, 60, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE),
	       &worker);
	create(attributes("sleeper", sleeper_main, 40, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE),
	       &sleeper);
	create(attributes("per", per_main, 45, FRAME, 100 * US), &per);
	create(attributes("spare", spare_main, 3, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE),
	       &spare);
	a = attributes("late", late_main, 30, INFINITE_TIME_VALUE, 50 * US);
	create(a, &late);
	/* a periodic process without a deadline */
	check("create_periodic_no_deadline", create(attributes("per_free", worker_main, 5, FRAME,
							       INFINITE_TIME_VALUE), &id), NO_ERROR);
	apex_test_error_handler_create();

	GET_MY_ID(&id, &rc);
	check("get_my_id_init", rc, INVALID_MODE);
	GET_MY_INDEX(&id, &rc);
	check("get_my_index_init", rc, INVALID_MODE);
	TIMED_WAIT(10 * US, &rc);
	check("timed_wait_init", rc, INVALID_MODE);
	SUSPEND_SELF(10 * US, &rc);
	check("suspend_self_init", rc, INVALID_MODE);
	PERIODIC_WAIT(&rc);
	check("periodic_wait_init", rc, INVALID_MODE);
	REPLENISH(10 * US, &rc);
	check("replenish_init", rc, NO_ACTION);
	LOCK_PREEMPTION(&level, &rc);
	check("lock_preemption_init", rc, NO_ACTION);
	UNLOCK_PREEMPTION(&level, &rc);
	check("unlock_preemption_init", rc, NO_ACTION);
	SET_PARTITION_MODE(WARM_START, &rc);
	check("set_mode_warm_from_cold", rc, INVALID_MODE);
	SET_PARTITION_MODE((OPERATING_MODE_TYPE)7, &rc);
	check("set_mode_invalid", rc, INVALID_PARAM);

	INITIALIZE_PROCESS_CORE_AFFINITY(99, 0, &rc);
	check("affinity_no_process", rc, INVALID_PARAM);
	INITIALIZE_PROCESS_CORE_AFFINITY(worker, 1, &rc);
	check("affinity_no_such_core", rc, INVALID_CONFIG);
	INITIALIZE_PROCESS_CORE_AFFINITY(worker, -7, &rc);
	check("affinity_negative_core", rc, INVALID_CONFIG);
	INITIALIZE_PROCESS_CORE_AFFINITY(worker, CORE_AFFINITY_NO_PREFERENCE, &rc);
	check("affinity_no_preference", rc, NO_ERROR);
	INITIALIZE_PROCESS_CORE_AFFINITY(worker, 0, &rc);
	check("affinity", rc, NO_ERROR);

	name_of(name, "nobody");
	GET_PROCESS_ID(name, &id, &rc);
	check("get_process_id_unknown", rc, INVALID_CONFIG);
	name_of(name, "worker");
	GET_PROCESS_ID(name, &id, &rc);
	check("get_process_id", id, worker);
	GET_PROCESS_STATUS(99, &(PROCESS_STATUS_TYPE){ 0 }, &rc);
	check("get_process_status_no_process", rc, INVALID_PARAM);
	check("get_process_status_dormant", status_of(worker).PROCESS_STATE, DORMANT);
	check("get_process_status_priority", status_of(worker).CURRENT_PRIORITY, 60);
	check("get_process_status_deadline", status_of(worker).DEADLINE_TIME, INFINITE_TIME_VALUE);

	SET_PRIORITY(99, 10, &rc);
	check("set_priority_no_process", rc, INVALID_PARAM);
	SET_PRIORITY(worker, 10, &rc);
	check("set_priority_dormant", rc, INVALID_MODE);
	SUSPEND(worker, &rc);
	check("suspend_dormant", rc, INVALID_MODE);
	RESUME(worker, &rc);
	check("resume_dormant", rc, INVALID_MODE);
	STOP(99, &rc);
	check("stop_no_process", rc, INVALID_PARAM);
	STOP(worker, &rc);
	check("stop_dormant_init", rc, NO_ACTION);
	START(99, &rc);
	check("start_no_process", rc, INVALID_PARAM);
	DELAYED_START(99, 0, &rc);
	check("delayed_start_no_process", rc, INVALID_PARAM);
	DELAYED_START(sleeper, -1, &rc);
	check("delayed_start_infinite", rc, INVALID_PARAM);
	DELAYED_START(sleeper, -5, &rc);
	check("delayed_start_negative", rc, INVALID_PARAM);
	DELAYED_START(per, FRAME, &rc);
	check("delayed_start_beyond_period", rc, INVALID_PARAM);
	START(driver, &rc);
	check("start", rc, NO_ERROR);
	START(driver, &rc);
	check("start_again", rc, NO_ACTION);
	DELAYED_START(driver, 10 * US, &rc);
	check("delayed_start_not_dormant", rc, NO_ACTION);
	check("status_started_in_init", status_of(driver).PROCESS_STATE, WAITING);
	START(sleeper, &rc);
	START(per, &rc);
	START(spare, &rc);
}

/* After a restart the partition asked for: the layer starts afresh. */
static void restarted(OPERATING_MODE_TYPE mode)
{
	RETURN_CODE_TYPE rc;
	PARTITION_STATUS_TYPE ps;
	PROCESS_ID_TYPE id;
	const char *run = mode == WARM_START ? "warm" : "cold";
	char name[40];

	GET_PARTITION_STATUS(&ps, &rc);
	snprintf(name, sizeof(name), "%s_start_condition", run);
	check(name, ps.START_CONDITION, PARTITION_RESTART);
	snprintf(name, sizeof(name), "%s_recreate", run);
	check(name, create(attributes("driver", worker_main, 50, INFINITE_TIME_VALUE,
				      INFINITE_TIME_VALUE), &id), NO_ERROR);
	snprintf(name, sizeof(name), "%s_first_id", run);
	check(name, id, 1);
	if (mode == COLD_START) {
		/* up to the deployment's limit, then no more */
		for (int made = 1; made < LIMIT; made++) {
			char fill[8] = "fill0";

			fill[4] = (char)('0' + made);
			create(attributes(fill, worker_main, 1, INFINITE_TIME_VALUE,
					  INFINITE_TIME_VALUE), &id);
		}
		check("create_beyond_limit", create(attributes("one_more", worker_main, 5,
							       INFINITE_TIME_VALUE,
							       INFINITE_TIME_VALUE), &id),
		      INVALID_CONFIG);
	}
	printf("apex_services: %s start done, %d failed\n", run, failed);
	SET_PARTITION_MODE(mode == WARM_START ? COLD_START : IDLE, &rc);
}

int main(void)
{
	RETURN_CODE_TYPE rc;
	PARTITION_STATUS_TYPE ps;

	GET_PARTITION_STATUS(&ps, &rc);
	if (ps.START_CONDITION != NORMAL_START)
		restarted(ps.OPERATING_MODE);
	initialization();
	printf("apex_services: initialization done, %d failed\n", failed);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
