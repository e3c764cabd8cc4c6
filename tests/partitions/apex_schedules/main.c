/*
 * The APEX layer's multiple module schedules (ARINC 653 Part 2; tests/configs/apex_schedules.c):
 * GET_MODULE_SCHEDULE_ID, GET_MODULE_SCHEDULE_STATUS and SET_MODULE_SCHEDULE with their return
 * codes, one `check` line each (apex_check.h). In the system partition a process asks for
 * "flight" and sees it in force from the next frame on; in the other, SET_MODULE_SCHEDULE is
 * refused.
 */
#include <ARINC653.h>
#include <bulkhead.h>
#include "../apex_check.h"

static int is_system;

static void services(void)
{
	SCHEDULE_NAME_TYPE name;
	SCHEDULE_STATUS_TYPE st;
	SCHEDULE_ID_TYPE id = -5;
	RETURN_CODE_TYPE rc;

	name_of(name, "flight");
	GET_MODULE_SCHEDULE_ID(name, &id, &rc);
	check("id flight", rc, NO_ERROR);
	check("id flight value", id, 1);
	name_of(name, "takeoff");
	id = -5;
	GET_MODULE_SCHEDULE_ID(name, &id, &rc);
	check("id unknown", rc, INVALID_CONFIG);
	check("id unknown untouched", id, -5);
	GET_MODULE_SCHEDULE_STATUS(&st, &rc);
	check("status", rc, NO_ERROR);
	check("status current", st.CURRENT_SCHEDULE, 0);
	/* the system partition's window comes first in the frame: it has asked for flight already */
	check("status next", st.NEXT_SCHEDULE, is_system ? 0 : 1);
	check("status no switch yet", st.TIME_OF_LAST_SCHEDULE_SWITCH, 0);
	SET_MODULE_SCHEDULE(7, &rc);
	check("set unknown", rc, is_system ? INVALID_PARAM : INVALID_CONFIG);
	SET_MODULE_SCHEDULE(-1, &rc);
	check("set negative", rc, INVALID_PARAM);
	SET_MODULE_SCHEDULE(1, &rc);
	check("set flight", rc, is_system ? NO_ERROR : INVALID_CONFIG);
	if (!is_system) {
		printf("apex_schedules: done, %d failed\n", failed);
		STOP_SELF();
	}
	GET_MODULE_SCHEDULE_STATUS(&st, &rc);
	check("pending", st.NEXT_SCHEDULE * 10 + st.CURRENT_SCHEDULE, 10);
	/* the switch comes at the end of this frame: wait past it */
	do {
		TIMED_WAIT(100000, &rc);
		GET_MODULE_SCHEDULE_STATUS(&st, &rc);
	} while (st.CURRENT_SCHEDULE == 0);
	check("switched", st.NEXT_SCHEDULE * 10 + st.CURRENT_SCHEDULE, 11);
	check("switch time set", st.TIME_OF_LAST_SCHEDULE_SWITCH > 0, 1);
	printf("apex_schedules: switched at %lld ns\n", st.TIME_OF_LAST_SCHEDULE_SWITCH);
	printf("apex_schedules: done, %d failed\n", failed);
	STOP_SELF();
}

int main(void)
{
	struct bh_partition_status self;
	RETURN_CODE_TYPE rc;

	bh_partition_status(BH_SELF, &self);
	is_system = (int)self.system;
	START(create_aperiodic("services", services, 10), &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
