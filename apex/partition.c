/*
 * The partition's services: its status, its operating mode (the initialization ends with
 * NORMAL; IDLE stops it; COLD_START and WARM_START restart it, through the kernel) and its id.
 */
#include "core.h"

OPERATING_MODE_TYPE apex_mode(void)
{
	return apex_core.mode;
}

void GET_PARTITION_STATUS(PARTITION_STATUS_TYPE *PARTITION_STATUS, RETURN_CODE_TYPE *RETURN_CODE)
{
	const struct bh_partition_info *info = &apex_core.partition;

	PARTITION_STATUS->PERIOD = (SYSTEM_TIME_TYPE)info->period_ns;
	PARTITION_STATUS->DURATION = (SYSTEM_TIME_TYPE)info->duration_ns;
	PARTITION_STATUS->IDENTIFIER = (PARTITION_ID_TYPE)info->id;
	PARTITION_STATUS->LOCK_LEVEL = apex_this_vcpu()->lock_level;
	PARTITION_STATUS->OPERATING_MODE = apex_core.mode;
	PARTITION_STATUS->START_CONDITION = apex_core.start_condition;
	PARTITION_STATUS->NUM_ASSIGNED_CORES = info->vcpu_count;
	*RETURN_CODE = NO_ERROR;
}

/* NORMAL: the processes started so far are released, the vcpus they are bound to started, and
 * the initialization becomes vcpu 0's idle loop. */
static void normal(void) __attribute__((noreturn));
static void normal(void)
{
	apex_lock();
	apex_core.mode = NORMAL;
	bh_set_mode(BH_MODE_NORMAL);
	for (uint32_t i = 0; i < apex_core.count; i++) {
		struct apex_process *p = &apex_core.processes[i];

		if (!p->dormant && p->block == APEX_AT_NORMAL)
			apex_process_schedule_start(p, p->delay);
	}
	apex_vcpus_start();
	apex_kick(0);
	apex_unlock();
	apex_idle();
}

void SET_PARTITION_MODE(OPERATING_MODE_TYPE OPERATING_MODE, RETURN_CODE_TYPE *RETURN_CODE)
{
	switch (OPERATING_MODE) {
	case NORMAL:
		if (apex_core.mode == NORMAL) {
			*RETURN_CODE = NO_ACTION;
			return;
		}
		*RETURN_CODE = NO_ERROR;
		normal();
	case WARM_START:
		if (apex_core.mode == COLD_START) {
			*RETURN_CODE = INVALID_MODE;
			return;
		}
		*RETURN_CODE = NO_ERROR;
		bh_set_mode(BH_MODE_WARM_START);
		return;
	case COLD_START:
		*RETURN_CODE = NO_ERROR;
		bh_set_mode(BH_MODE_COLD_START);
		return;
	case IDLE:
		*RETURN_CODE = NO_ERROR;
		bh_set_mode(BH_MODE_IDLE);
		return;
	default:
		*RETURN_CODE = INVALID_PARAM;
	}
}

void GET_MY_PARTITION_ID(PARTITION_ID_TYPE *PARTITION_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	*PARTITION_ID = (PARTITION_ID_TYPE)apex_core.partition.id;
	*RETURN_CODE = NO_ERROR;
}
