/*
 * Multiple module schedules (ARINC 653 Part 2), on the kernel's schedule_set, schedule_status and
 * schedule_find (docs/schedules.md): a SCHEDULE_ID_TYPE is the kernel's id, the deployment's
 * index of the schedule. The switch comes at the end of the major frame, as the kernel makes it.
 */
#include "core.h"

void SET_MODULE_SCHEDULE(SCHEDULE_ID_TYPE SCHEDULE_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	int32_t r = SCHEDULE_ID < 0 ? BH_EINVAL : bh_schedule_set((uint32_t)SCHEDULE_ID);

	/* Part 2: a partition without the right is a configuration matter, an unknown id a
	 * parameter's; the kernel refuses the former first, whatever the id */
	*RETURN_CODE = r == 0 ? NO_ERROR : r == BH_EPERM ? INVALID_CONFIG : INVALID_PARAM;
}

void GET_MODULE_SCHEDULE_STATUS(SCHEDULE_STATUS_TYPE *SCHEDULE_STATUS,
				RETURN_CODE_TYPE *RETURN_CODE)
{
	struct bh_schedule_status st = { 0 };

	bh_schedule_status(&st);
	SCHEDULE_STATUS->TIME_OF_LAST_SCHEDULE_SWITCH = (SYSTEM_TIME_TYPE)st.last_switch_ns;
	SCHEDULE_STATUS->CURRENT_SCHEDULE = (SCHEDULE_ID_TYPE)st.current;
	SCHEDULE_STATUS->NEXT_SCHEDULE = (SCHEDULE_ID_TYPE)st.next;
	*RETURN_CODE = NO_ERROR;
}

void GET_MODULE_SCHEDULE_ID(SCHEDULE_NAME_TYPE SCHEDULE_NAME, SCHEDULE_ID_TYPE *SCHEDULE_ID,
			    RETURN_CODE_TYPE *RETURN_CODE)
{
	/* a NAME_TYPE need not end in NUL; the kernel's names do */
	char name[MAX_NAME_LENGTH + 1];
	int32_t id;

	for (uint32_t i = 0; i <= MAX_NAME_LENGTH; i++)
		name[i] = i < MAX_NAME_LENGTH ? SCHEDULE_NAME[i] : 0;
	id = bh_schedule_find(name);
	if (id < 0) {
		*RETURN_CODE = INVALID_CONFIG;   /* no schedule of that name */
		return;
	}
	*SCHEDULE_ID = id;
	*RETURN_CODE = NO_ERROR;
}
