/*
 * Time: SYSTEM_TIME_TYPE is nanoseconds on Bulkhead's clock (boot = 0), read from the vcpu's
 * shared page. Periodic processes are released on a grid anchored on the partition's first
 * release point, the planned start of its first window after NORMAL was set: release k of a
 * process is at its first release + k * PERIOD exactly, whatever time each job took.
 */
#include "core.h"

SYSTEM_TIME_TYPE apex_now(void)
{
	return (SYSTEM_TIME_TYPE)bh_info_time_ns(&apex_this_vcpu()->info);
}

SYSTEM_TIME_TYPE apex_next_release_point(SYSTEM_TIME_TYPE t)
{
	SYSTEM_TIME_TYPE period = (SYSTEM_TIME_TYPE)apex_core.partition.period_ns;

	if (t <= apex_core.anchor)
		return apex_core.anchor;
	return apex_core.anchor + (t - apex_core.anchor + period - 1) / period * period;
}

void apex_anchor_set(SYSTEM_TIME_TYPE anchor)
{
	apex_core.anchor = anchor;
	for (uint32_t i = 0; i < apex_core.count; i++) {
		struct apex_process *p = &apex_core.processes[i];

		if (!p->dormant && p->block == APEX_AT_ANCHOR) {
			p->block = APEX_RELEASE;
			p->wake_at = anchor + p->delay;
			apex_timer_changed(p, p->wake_at);
		}
	}
}

void TIMED_WAIT(SYSTEM_TIME_TYPE DELAY_TIME, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = apex_current();
	if (apex_may_not_wait()) {
		*RETURN_CODE = INVALID_MODE;
	} else if (DELAY_TIME < 0) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (DELAY_TIME == 0) {
		/* a yield: behind the others of its priority */
		apex_requeue(p, false);
		*RETURN_CODE = NO_ERROR;
	} else {
		p->block = APEX_DELAYED;
		p->wake_at = apex_time_add(apex_now(), DELAY_TIME);
		apex_timer_changed(p, p->wake_at);
		apex_make_unready(p);
		*RETURN_CODE = apex_block_current(p);
	}
	apex_unlock();
}

void PERIODIC_WAIT(RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = apex_current();
	if (apex_may_not_wait() || p->attributes.PERIOD == INFINITE_TIME_VALUE) {
		*RETURN_CODE = INVALID_MODE;
	} else {
		SYSTEM_TIME_TYPE next = apex_time_add(p->release, p->attributes.PERIOD);

		p->block = APEX_RELEASE;
		p->wake_at = next;
		p->deadline = p->attributes.TIME_CAPACITY == INFINITE_TIME_VALUE ? APEX_NEVER :
			      apex_time_add(next, p->attributes.TIME_CAPACITY);
		apex_timer_changed(p, next);
		apex_make_unready(p);
		*RETURN_CODE = apex_block_current(p);
	}
	apex_unlock();
}

void GET_TIME(SYSTEM_TIME_TYPE *SYSTEM_TIME, RETURN_CODE_TYPE *RETURN_CODE)
{
	*SYSTEM_TIME = apex_now();
	*RETURN_CODE = NO_ERROR;
}

void REPLENISH(SYSTEM_TIME_TYPE BUDGET_TIME, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = apex_current();
	if (!p || p->error_handler || apex_core.mode != NORMAL) {
		*RETURN_CODE = NO_ACTION;
	} else if (BUDGET_TIME < INFINITE_TIME_VALUE) {
		*RETURN_CODE = INVALID_PARAM;
	} else {
		SYSTEM_TIME_TYPE deadline = BUDGET_TIME == INFINITE_TIME_VALUE ? APEX_NEVER :
					    apex_time_add(apex_now(), BUDGET_TIME);

		/* a periodic process's deadline stays before its next release */
		if (p->attributes.PERIOD != INFINITE_TIME_VALUE &&
		    deadline > apex_time_add(p->release, p->attributes.PERIOD)) {
			*RETURN_CODE = INVALID_MODE;
		} else {
			p->deadline = deadline;
			apex_timer_changed(p, deadline);
			*RETURN_CODE = NO_ERROR;
		}
	}
	apex_unlock();
}
