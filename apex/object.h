/*
 * What the intra-partition objects (buffers, blackboards, semaphores, events, mutexes) share:
 * their tables, the checks of a time-out and a queuing discipline, and the wait when what a
 * service needs is not there. Each object's struct begins with its NAME_TYPE; its identifier
 * is its index in its table + 1, so that 0 (a zeroed identifier) is never one.
 */
#ifndef APEX_OBJECT_H
#define APEX_OBJECT_H

#include <stdbool.h>
#include <stdint.h>
#include "internal.h"

/* INFINITE_TIME_VALUE, 0 (do not wait) or a positive number of nanoseconds. */
static inline bool apex_timeout_valid(SYSTEM_TIME_TYPE timeout)
{
	return timeout >= 0 || timeout == INFINITE_TIME_VALUE;
}

static inline bool apex_discipline_valid(QUEUING_DISCIPLINE_TYPE discipline)
{
	return discipline == FIFO || discipline == PRIORITY;
}

/* The identifier of the object named `name` among the `count` first of `table` (entries of
 * `size` bytes, each beginning with its name), or 0. */
static inline APEX_INTEGER apex_object_find(const void *table, uint32_t size, APEX_INTEGER count,
					    const NAME_TYPE name)
{
	for (APEX_INTEGER i = 0; i < count; i++)
		if (apex_name_equal(*(const NAME_TYPE *)((const char *)table + i * size), name))
			return i + 1;
	return 0;
}

/*
 * What every creation service checks first, in the standard's order: room in the table
 * (INVALID_CONFIG), then a name already used (NO_ACTION); NO_ERROR when neither.
 */
static inline RETURN_CODE_TYPE apex_object_create_check(const void *table, uint32_t size,
							 APEX_INTEGER count, APEX_INTEGER limit,
							 const NAME_TYPE name)
{
	if (count >= limit)
		return INVALID_CONFIG;
	return apex_object_find(table, size, count, name) ? NO_ACTION : NO_ERROR;
}

/* GET_<object>_ID: the identifier of the object named `name`, or INVALID_CONFIG. */
static inline void apex_object_get_id(const void *table, uint32_t size, const APEX_INTEGER *count,
				      const NAME_TYPE name, APEX_INTEGER *id,
				      RETURN_CODE_TYPE *rc)
{
	APEX_INTEGER found;

	apex_lock();
	found = apex_object_find(table, size, *count, name);
	apex_unlock();
	if (found)
		*id = found;
	*rc = found ? NO_ERROR : INVALID_CONFIG;
}

/* True when `id` names one of the `count` objects of its table. */
static inline bool apex_object_id_valid(APEX_INTEGER id, APEX_INTEGER count)
{
	return id >= 1 && id <= count;
}

/*
 * With the lock held, when what the calling process asked for is not there: NOT_AVAILABLE
 * for a time-out of 0, INVALID_MODE where it may not wait, else it waits in q with `mine` as
 * its exchange (NO_ERROR when woken, TIMED_OUT); `mine` then holds what the waker left.
 */
static inline RETURN_CODE_TYPE apex_object_wait(struct apex_wait_queue *q, SYSTEM_TIME_TYPE timeout,
						struct apex_wait_exchange *mine)
{
	if (timeout == 0)
		return NOT_AVAILABLE;
	if (apex_may_not_wait())
		return INVALID_MODE;
	struct apex_wait_exchange *exchange = apex_exchange(apex_current());
	*exchange = *mine;
	RETURN_CODE_TYPE rc = apex_wait(q, timeout);
	*mine = *exchange;
	return rc;
}

#endif
