/*
 * Blackboards: one message that stays displayed until replaced or cleared, read any number of
 * times. A reader of an empty blackboard waits; a display copies the message to every waiting
 * reader's memory and wakes them all, so that each gets that message whatever comes next.
 */
#include "object.h"

struct blackboard {
	NAME_TYPE name;
	MESSAGE_SIZE_TYPE max_size;
	MESSAGE_SIZE_TYPE length;
	EMPTY_INDICATOR_TYPE state;
	APEX_BYTE *message;                 /* max_size bytes */
	struct apex_wait_queue readers;
};

static struct blackboard blackboards[MAX_NUMBER_OF_BLACKBOARDS];
static APEX_INTEGER blackboard_count;

static struct blackboard *blackboard_of(BLACKBOARD_ID_TYPE id)
{
	return apex_object_id_valid(id, blackboard_count) ? &blackboards[id - 1] : NULL;
}

static RETURN_CODE_TYPE blackboard_create(const NAME_TYPE name, MESSAGE_SIZE_TYPE max_size,
					  BLACKBOARD_ID_TYPE *id)
{
	RETURN_CODE_TYPE rc = apex_object_create_check(blackboards, sizeof(blackboards[0]),
							blackboard_count,
							MAX_NUMBER_OF_BLACKBOARDS, name);
	APEX_BYTE *memory;
	struct blackboard *bb;

	if (rc != NO_ERROR)
		return rc;
	if (max_size <= 0 || max_size > SYSTEM_LIMIT_MESSAGE_SIZE)
		return INVALID_PARAM;
	if (apex_mode() == NORMAL)
		return INVALID_MODE;
	memory = apex_alloc((uint32_t)max_size);
	if (!memory)
		return INVALID_CONFIG;
	bb = &blackboards[blackboard_count++];
	apex_name_copy(bb->name, name);
	bb->max_size = max_size;
	bb->length = 0;
	bb->state = EMPTY;
	bb->message = memory;
	apex_wait_queue_init(&bb->readers, FIFO);
	*id = blackboard_count;
	return NO_ERROR;
}

void CREATE_BLACKBOARD(BLACKBOARD_NAME_TYPE BLACKBOARD_NAME, MESSAGE_SIZE_TYPE MAX_MESSAGE_SIZE,
		       BLACKBOARD_ID_TYPE *BLACKBOARD_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc;
	BLACKBOARD_ID_TYPE id = 0;

	apex_lock();
	rc = blackboard_create(BLACKBOARD_NAME, MAX_MESSAGE_SIZE, &id);
	apex_unlock();
	if (rc == NO_ERROR)
		*BLACKBOARD_ID = id;
	*RETURN_CODE = rc;
}

void DISPLAY_BLACKBOARD(BLACKBOARD_ID_TYPE BLACKBOARD_ID, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
			MESSAGE_SIZE_TYPE LENGTH, RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc = NO_ERROR;
	struct blackboard *bb;
	struct apex_process *reader;

	apex_lock();
	bb = blackboard_of(BLACKBOARD_ID);
	if (!bb || LENGTH <= 0 || LENGTH > bb->max_size) {
		rc = INVALID_PARAM;
	} else {
		memcpy(bb->message, MESSAGE_ADDR, (size_t)LENGTH);
		bb->length = LENGTH;
		bb->state = OCCUPIED;
		while ((reader = apex_first_waiter(&bb->readers))) {
			struct apex_wait_exchange *exchange = apex_exchange(reader);

			memcpy(exchange->buffer, bb->message, (size_t)LENGTH);
			exchange->length = LENGTH;
			apex_wake_first(&bb->readers);
		}
	}
	apex_unlock();
	*RETURN_CODE = rc;
}

void READ_BLACKBOARD(BLACKBOARD_ID_TYPE BLACKBOARD_ID, SYSTEM_TIME_TYPE TIME_OUT,
		     MESSAGE_ADDR_TYPE MESSAGE_ADDR, MESSAGE_SIZE_TYPE *LENGTH,
		     RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc = NO_ERROR;
	MESSAGE_SIZE_TYPE length = 0;
	struct blackboard *bb;

	apex_lock();
	bb = blackboard_of(BLACKBOARD_ID);
	if (!bb || !apex_timeout_valid(TIME_OUT)) {
		rc = INVALID_PARAM;
	} else if (bb->state == OCCUPIED) {
		memcpy(MESSAGE_ADDR, bb->message, (size_t)bb->length);
		length = bb->length;
	} else {
		struct apex_wait_exchange mine = { .buffer = MESSAGE_ADDR };

		rc = apex_object_wait(&bb->readers, TIME_OUT, &mine);
		if (rc == NO_ERROR)
			length = mine.length;
	}
	apex_unlock();
	*LENGTH = length;
	*RETURN_CODE = rc;
}

void CLEAR_BLACKBOARD(BLACKBOARD_ID_TYPE BLACKBOARD_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct blackboard *bb;

	apex_lock();
	bb = blackboard_of(BLACKBOARD_ID);
	if (bb)
		bb->state = EMPTY;
	apex_unlock();
	*RETURN_CODE = bb ? NO_ERROR : INVALID_PARAM;
}

void GET_BLACKBOARD_ID(BLACKBOARD_NAME_TYPE BLACKBOARD_NAME, BLACKBOARD_ID_TYPE *BLACKBOARD_ID,
		       RETURN_CODE_TYPE *RETURN_CODE)
{
	apex_object_get_id(blackboards, sizeof(blackboards[0]), &blackboard_count,
			   BLACKBOARD_NAME, BLACKBOARD_ID, RETURN_CODE);
}

void GET_BLACKBOARD_STATUS(BLACKBOARD_ID_TYPE BLACKBOARD_ID,
			   BLACKBOARD_STATUS_TYPE *BLACKBOARD_STATUS,
			   RETURN_CODE_TYPE *RETURN_CODE)
{
	BLACKBOARD_STATUS_TYPE status;
	struct blackboard *bb;

	apex_lock();
	bb = blackboard_of(BLACKBOARD_ID);
	if (bb) {
		status.EMPTY_INDICATOR = bb->state;
		status.MAX_MESSAGE_SIZE = bb->max_size;
		status.WAITING_PROCESSES = apex_waiting(&bb->readers);
	}
	apex_unlock();
	if (bb)
		*BLACKBOARD_STATUS = status;
	*RETURN_CODE = bb ? NO_ERROR : INVALID_PARAM;
}
