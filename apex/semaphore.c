/*
 * Counting semaphores. A wait on a semaphore at 0 queues the process in the semaphore's
 * discipline; a signal with a waiter wakes the first one instead of counting up, so that the
 * value stays 0 while any process waits.
 */
#include "object.h"

struct semaphore {
	NAME_TYPE name;
	SEMAPHORE_VALUE_TYPE value;
	SEMAPHORE_VALUE_TYPE max;
	struct apex_wait_queue waiters;
};

static struct semaphore semaphores[MAX_NUMBER_OF_SEMAPHORES];
static APEX_INTEGER semaphore_count;

static struct semaphore *semaphore_of(SEMAPHORE_ID_TYPE id)
{
	return apex_object_id_valid(id, semaphore_count) ? &semaphores[id - 1] : NULL;
}

static RETURN_CODE_TYPE semaphore_create(const NAME_TYPE name, SEMAPHORE_VALUE_TYPE value,
					 SEMAPHORE_VALUE_TYPE max,
					 QUEUING_DISCIPLINE_TYPE discipline, SEMAPHORE_ID_TYPE *id)
{
	RETURN_CODE_TYPE rc = apex_object_create_check(semaphores, sizeof(semaphores[0]),
							semaphore_count, MAX_NUMBER_OF_SEMAPHORES,
							name);
	struct semaphore *s;

	if (rc != NO_ERROR)
		return rc;
	/* a maximum of 0 would make a semaphore no process could ever pass */
	if (max <= 0 || max > MAX_SEMAPHORE_VALUE || value < 0 || value > max ||
	    !apex_discipline_valid(discipline))
		return INVALID_PARAM;
	if (apex_mode() == NORMAL)
		return INVALID_MODE;
	s = &semaphores[semaphore_count++];
	apex_name_copy(s->name, name);
	s->value = value;
	s->max = max;
	apex_wait_queue_init(&s->waiters, discipline);
	*id = semaphore_count;
	return NO_ERROR;
}

void CREATE_SEMAPHORE(SEMAPHORE_NAME_TYPE SEMAPHORE_NAME, SEMAPHORE_VALUE_TYPE CURRENT_VALUE,
		      SEMAPHORE_VALUE_TYPE MAXIMUM_VALUE,
		      QUEUING_DISCIPLINE_TYPE QUEUING_DISCIPLINE, SEMAPHORE_ID_TYPE *SEMAPHORE_ID,
		      RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc;
	SEMAPHORE_ID_TYPE id = 0;

	apex_lock();
	rc = semaphore_create(SEMAPHORE_NAME, CURRENT_VALUE, MAXIMUM_VALUE, QUEUING_DISCIPLINE,
			      &id);
	apex_unlock();
	if (rc == NO_ERROR)
		*SEMAPHORE_ID = id;
	*RETURN_CODE = rc;
}

void WAIT_SEMAPHORE(SEMAPHORE_ID_TYPE SEMAPHORE_ID, SYSTEM_TIME_TYPE TIME_OUT,
		    RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc = NO_ERROR;
	struct semaphore *s;

	apex_lock();
	s = semaphore_of(SEMAPHORE_ID);
	if (!s || !apex_timeout_valid(TIME_OUT)) {
		rc = INVALID_PARAM;
	} else if (s->value > 0) {
		s->value--;
	} else {
		struct apex_wait_exchange mine = { 0 };

		rc = apex_object_wait(&s->waiters, TIME_OUT, &mine);
	}
	apex_unlock();
	*RETURN_CODE = rc;
}

void SIGNAL_SEMAPHORE(SEMAPHORE_ID_TYPE SEMAPHORE_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc = NO_ERROR;
	struct semaphore *s;

	apex_lock();
	s = semaphore_of(SEMAPHORE_ID);
	if (!s)
		rc = INVALID_PARAM;
	else if (s->value == s->max)
		rc = NO_ACTION;
	else if (!apex_wake_first(&s->waiters))
		s->value++;
	apex_unlock();
	*RETURN_CODE = rc;
}

void GET_SEMAPHORE_ID(SEMAPHORE_NAME_TYPE SEMAPHORE_NAME, SEMAPHORE_ID_TYPE *SEMAPHORE_ID,
		      RETURN_CODE_TYPE *RETURN_CODE)
{
	apex_object_get_id(semaphores, sizeof(semaphores[0]), &semaphore_count, SEMAPHORE_NAME,
			   SEMAPHORE_ID, RETURN_CODE);
}

void GET_SEMAPHORE_STATUS(SEMAPHORE_ID_TYPE SEMAPHORE_ID,
			  SEMAPHORE_STATUS_TYPE *SEMAPHORE_STATUS, RETURN_CODE_TYPE *RETURN_CODE)
{
	SEMAPHORE_STATUS_TYPE status;
	struct semaphore *s;

	apex_lock();
	s = semaphore_of(SEMAPHORE_ID);
	if (s) {
		status.CURRENT_VALUE = s->value;
		status.MAXIMUM_VALUE = s->max;
		status.WAITING_PROCESSES = apex_waiting(&s->waiters);
	}
	apex_unlock();
	if (s)
		*SEMAPHORE_STATUS = status;
	*RETURN_CODE = s ? NO_ERROR : INVALID_PARAM;
}
