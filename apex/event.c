/*
 * Events: a flag processes wait on until it is UP. SET_EVENT wakes every waiter at once (they
 * queue FIFO: all leave together); it stays UP for later waiters until RESET_EVENT.
 */
#include "object.h"

struct event {
	NAME_TYPE name;
	EVENT_STATE_TYPE state;
	struct apex_wait_queue waiters;
};

static struct event events[MAX_NUMBER_OF_EVENTS];
static APEX_INTEGER event_count;

static struct event *event_of(EVENT_ID_TYPE id)
{
	return apex_object_id_valid(id, event_count) ? &events[id - 1] : NULL;
}

static RETURN_CODE_TYPE event_create(const NAME_TYPE name, EVENT_ID_TYPE *id)
{
	RETURN_CODE_TYPE rc = apex_object_create_check(events, sizeof(events[0]), event_count,
							MAX_NUMBER_OF_EVENTS, name);
	struct event *e;

	if (rc != NO_ERROR)
		return rc;
	if (apex_mode() == NORMAL)
		return INVALID_MODE;
	e = &events[event_count++];
	apex_name_copy(e->name, name);
	e->state = DOWN;
	apex_wait_queue_init(&e->waiters, FIFO);
	*id = event_count;
	return NO_ERROR;
}

void CREATE_EVENT(EVENT_NAME_TYPE EVENT_NAME, EVENT_ID_TYPE *EVENT_ID,
		  RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc;
	EVENT_ID_TYPE id = 0;

	apex_lock();
	rc = event_create(EVENT_NAME, &id);
	apex_unlock();
	if (rc == NO_ERROR)
		*EVENT_ID = id;
	*RETURN_CODE = rc;
}

static void event_set_state(EVENT_ID_TYPE id, EVENT_STATE_TYPE state,
			    RETURN_CODE_TYPE *RETURN_CODE)
{
	struct event *e;

	apex_lock();
	e = event_of(id);
	if (e) {
		e->state = state;
		if (state == UP)
			apex_wake_all(&e->waiters);
	}
	apex_unlock();
	*RETURN_CODE = e ? NO_ERROR : INVALID_PARAM;
}

void SET_EVENT(EVENT_ID_TYPE EVENT_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	event_set_state(EVENT_ID, UP, RETURN_CODE);
}

void RESET_EVENT(EVENT_ID_TYPE EVENT_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	event_set_state(EVENT_ID, DOWN, RETURN_CODE);
}

void WAIT_EVENT(EVENT_ID_TYPE EVENT_ID, SYSTEM_TIME_TYPE TIME_OUT,
		RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc = NO_ERROR;
	struct event *e;

	apex_lock();
	e = event_of(EVENT_ID);
	if (!e || !apex_timeout_valid(TIME_OUT)) {
		rc = INVALID_PARAM;
	} else if (e->state == DOWN) {
		struct apex_wait_exchange mine = { 0 };

		rc = apex_object_wait(&e->waiters, TIME_OUT, &mine);
	}
	apex_unlock();
	*RETURN_CODE = rc;
}

void GET_EVENT_ID(EVENT_NAME_TYPE EVENT_NAME, EVENT_ID_TYPE *EVENT_ID,
		  RETURN_CODE_TYPE *RETURN_CODE)
{
	apex_object_get_id(events, sizeof(events[0]), &event_count, EVENT_NAME, EVENT_ID,
			   RETURN_CODE);
}

void GET_EVENT_STATUS(EVENT_ID_TYPE EVENT_ID, EVENT_STATUS_TYPE *EVENT_STATUS,
		      RETURN_CODE_TYPE *RETURN_CODE)
{
	EVENT_STATUS_TYPE status;
	struct event *e;

	apex_lock();
	e = event_of(EVENT_ID);
	if (e) {
		status.EVENT_STATE = e->state;
		status.WAITING_PROCESSES = apex_waiting(&e->waiters);
	}
	apex_unlock();
	if (e)
		*EVENT_STATUS = status;
	*RETURN_CODE = e ? NO_ERROR : INVALID_PARAM;
}
