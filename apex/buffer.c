/*
 * Buffers: a partition's message queues between its processes. A sender waits while the buffer
 * is full, a receiver while it is empty, in one queue of the buffer's discipline (never both:
 * senders wait only on a full buffer, receivers only on an empty one). A message goes straight
 * to a waiting receiver's memory, and a receiver that makes room takes the first waiting
 * sender's message in, so that the waiters' order is the messages' order.
 */
#include "object.h"

struct buffer {
	NAME_TYPE name;
	MESSAGE_SIZE_TYPE max_size;
	MESSAGE_RANGE_TYPE max_count;
	MESSAGE_RANGE_TYPE count;
	MESSAGE_RANGE_TYPE head;            /* the oldest message's slot */
	MESSAGE_SIZE_TYPE *lengths;         /* max_count of them */
	APEX_BYTE *data;                    /* max_count slots of max_size bytes */
	struct apex_wait_queue waiters;
};

static struct buffer buffers[MAX_NUMBER_OF_BUFFERS];
static APEX_INTEGER buffer_count;

static struct buffer *buffer_of(BUFFER_ID_TYPE id)
{
	return apex_object_id_valid(id, buffer_count) ? &buffers[id - 1] : NULL;
}

static void buffer_push(struct buffer *b, const APEX_BYTE *message, MESSAGE_SIZE_TYPE length)
{
	MESSAGE_RANGE_TYPE slot = (b->head + b->count) % b->max_count;

	memcpy(b->data + slot * b->max_size, message, (size_t)length);
	b->lengths[slot] = length;
	b->count++;
}

static MESSAGE_SIZE_TYPE buffer_pop(struct buffer *b, APEX_BYTE *message)
{
	MESSAGE_SIZE_TYPE length = b->lengths[b->head];

	memcpy(message, b->data + b->head * b->max_size, (size_t)length);
	b->head = (b->head + 1) % b->max_count;
	b->count--;
	return length;
}

static RETURN_CODE_TYPE buffer_create(const NAME_TYPE name, MESSAGE_SIZE_TYPE max_size,
				      MESSAGE_RANGE_TYPE max_count,
				      QUEUING_DISCIPLINE_TYPE discipline, BUFFER_ID_TYPE *id)
{
	RETURN_CODE_TYPE rc = apex_object_create_check(buffers, sizeof(buffers[0]), buffer_count,
							MAX_NUMBER_OF_BUFFERS, name);
	uint32_t lengths;
	APEX_BYTE *memory;
	struct buffer *b;

	if (rc != NO_ERROR)
		return rc;
	if (max_size <= 0 || max_size > SYSTEM_LIMIT_MESSAGE_SIZE || max_count <= 0 ||
	    max_count > SYSTEM_LIMIT_NUMBER_OF_MESSAGES || !apex_discipline_valid(discipline))
		return INVALID_PARAM;
	if (apex_mode() == NORMAL)
		return INVALID_MODE;
	lengths = (uint32_t)max_count * sizeof(MESSAGE_SIZE_TYPE);
	memory = apex_alloc(lengths + (uint32_t)(max_count * max_size));
	if (!memory)
		return INVALID_CONFIG;
	b = &buffers[buffer_count++];
	apex_name_copy(b->name, name);
	b->max_size = max_size;
	b->max_count = max_count;
	b->count = 0;
	b->head = 0;
	b->lengths = (MESSAGE_SIZE_TYPE *)memory;
	b->data = memory + lengths;
	apex_wait_queue_init(&b->waiters, discipline);
	*id = buffer_count;
	return NO_ERROR;
}

void CREATE_BUFFER(BUFFER_NAME_TYPE BUFFER_NAME, MESSAGE_SIZE_TYPE MAX_MESSAGE_SIZE,
		   MESSAGE_RANGE_TYPE MAX_NB_MESSAGE, QUEUING_DISCIPLINE_TYPE QUEUING_DISCIPLINE,
		   BUFFER_ID_TYPE *BUFFER_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc;
	BUFFER_ID_TYPE id = 0;

	apex_lock();
	rc = buffer_create(BUFFER_NAME, MAX_MESSAGE_SIZE, MAX_NB_MESSAGE, QUEUING_DISCIPLINE, &id);
	apex_unlock();
	if (rc == NO_ERROR)
		*BUFFER_ID = id;
	*RETURN_CODE = rc;
}

void SEND_BUFFER(BUFFER_ID_TYPE BUFFER_ID, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
		 MESSAGE_SIZE_TYPE LENGTH, SYSTEM_TIME_TYPE TIME_OUT,
		 RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc = NO_ERROR;
	struct buffer *b;
	struct apex_process *receiver;

	apex_lock();
	b = buffer_of(BUFFER_ID);
	if (!b || LENGTH <= 0 || LENGTH > b->max_size || !apex_timeout_valid(TIME_OUT)) {
		rc = INVALID_PARAM;
	} else if (b->count == 0 && (receiver = apex_first_waiter(&b->waiters))) {
		struct apex_wait_exchange *exchange = apex_exchange(receiver);

		memcpy(exchange->buffer, MESSAGE_ADDR, (size_t)LENGTH);
		exchange->length = LENGTH;
		apex_wake_first(&b->waiters);
	} else if (b->count < b->max_count) {
		buffer_push(b, MESSAGE_ADDR, LENGTH);
	} else {
		/* full: the receiver that takes this message in wakes us */
		struct apex_wait_exchange mine = { .buffer = MESSAGE_ADDR, .length = LENGTH };

		rc = apex_object_wait(&b->waiters, TIME_OUT, &mine);
	}
	apex_unlock();
	*RETURN_CODE = rc;
}

void RECEIVE_BUFFER(BUFFER_ID_TYPE BUFFER_ID, SYSTEM_TIME_TYPE TIME_OUT,
		    MESSAGE_ADDR_TYPE MESSAGE_ADDR, MESSAGE_SIZE_TYPE *LENGTH,
		    RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc = NO_ERROR;
	MESSAGE_SIZE_TYPE length = 0;
	struct buffer *b;
	struct apex_process *sender;

	apex_lock();
	b = buffer_of(BUFFER_ID);
	if (!b || !apex_timeout_valid(TIME_OUT)) {
		rc = INVALID_PARAM;
	} else if (b->count > 0) {
		length = buffer_pop(b, MESSAGE_ADDR);
		sender = apex_first_waiter(&b->waiters);
		if (sender) {
			struct apex_wait_exchange *exchange = apex_exchange(sender);

			buffer_push(b, exchange->buffer, exchange->length);
			apex_wake_first(&b->waiters);
		}
	} else {
		/* empty: the sender of the next message copies it to MESSAGE_ADDR and wakes us */
		struct apex_wait_exchange mine = { .buffer = MESSAGE_ADDR };

		rc = apex_object_wait(&b->waiters, TIME_OUT, &mine);
		if (rc == NO_ERROR)
			length = mine.length;
	}
	apex_unlock();
	*LENGTH = length;
	*RETURN_CODE = rc;
}

void GET_BUFFER_ID(BUFFER_NAME_TYPE BUFFER_NAME, BUFFER_ID_TYPE *BUFFER_ID,
		   RETURN_CODE_TYPE *RETURN_CODE)
{
	apex_object_get_id(buffers, sizeof(buffers[0]), &buffer_count, BUFFER_NAME, BUFFER_ID,
			   RETURN_CODE);
}

void GET_BUFFER_STATUS(BUFFER_ID_TYPE BUFFER_ID, BUFFER_STATUS_TYPE *BUFFER_STATUS,
		       RETURN_CODE_TYPE *RETURN_CODE)
{
	BUFFER_STATUS_TYPE status;
	struct buffer *b;

	apex_lock();
	b = buffer_of(BUFFER_ID);
	if (b) {
		status.NB_MESSAGE = b->count;
		status.MAX_NB_MESSAGE = b->max_count;
		status.MAX_MESSAGE_SIZE = b->max_size;
		status.WAITING_PROCESSES = apex_waiting(&b->waiters);
	}
	apex_unlock();
	if (b)
		*BUFFER_STATUS = status;
	*RETURN_CODE = b ? NO_ERROR : INVALID_PARAM;
}
