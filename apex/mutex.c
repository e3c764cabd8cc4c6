/*
 * Mutexes (priority ceiling). The owner runs at the mutex's priority from ACQUIRE_MUTEX until
 * its last RELEASE_MUTEX (it may acquire the same mutex again, up to MAX_LOCK_LEVEL deep), then
 * at its base priority again. A process owns at most one mutex and may not wait while it does
 * (apex_may_not_wait), so no chain of owners forms. A released mutex goes straight to its
 * first waiter, which returns from ACQUIRE_MUTEX owning it.
 */
#include "object.h"

struct mutex {
	NAME_TYPE name;
	PRIORITY_TYPE priority;
	struct apex_process *owner;         /* NULL: AVAILABLE */
	LOCK_COUNT_TYPE lock_count;
	struct apex_wait_queue waiters;
};

static struct mutex mutexes[MAX_NUMBER_OF_MUTEXES];
static APEX_INTEGER mutex_count;

static struct mutex *mutex_of(MUTEX_ID_TYPE id)
{
	return apex_object_id_valid(id, mutex_count) ? &mutexes[id - 1] : NULL;
}

/* The mutex p owns, or NULL. */
static struct mutex *mutex_owned_by(const struct apex_process *p)
{
	for (APEX_INTEGER i = 0; i < mutex_count; i++)
		if (mutexes[i].owner == p)
			return &mutexes[i];
	return NULL;
}

static void mutex_take(struct mutex *m, struct apex_process *p)
{
	m->owner = p;
	m->lock_count = 1;
	apex_mutex_count(p, 1);
	apex_set_current_priority(p, m->priority);
}

/* Its owner gives m up whole: m goes to its first waiter, if any. The owner's priority is the
 * caller's to restore (a stopped owner's is the core's). */
static void mutex_free(struct mutex *m)
{
	struct apex_process *next;

	apex_mutex_count(m->owner, -1);
	m->owner = NULL;
	m->lock_count = 0;
	next = apex_wake_first(&m->waiters);
	if (next)
		mutex_take(m, next);
}

static RETURN_CODE_TYPE mutex_create(const NAME_TYPE name, PRIORITY_TYPE priority,
				     QUEUING_DISCIPLINE_TYPE discipline, MUTEX_ID_TYPE *id)
{
	RETURN_CODE_TYPE rc = apex_object_create_check(mutexes, sizeof(mutexes[0]), mutex_count,
							MAX_NUMBER_OF_MUTEXES, name);
	struct mutex *m;

	if (rc != NO_ERROR)
		return rc;
	if (priority < MIN_PRIORITY_VALUE || priority > MAX_PRIORITY_VALUE ||
	    !apex_discipline_valid(discipline))
		return INVALID_PARAM;
	if (apex_mode() == NORMAL)
		return INVALID_MODE;
	m = &mutexes[mutex_count++];
	apex_name_copy(m->name, name);
	m->priority = priority;
	m->owner = NULL;
	m->lock_count = 0;
	apex_wait_queue_init(&m->waiters, discipline);
	*id = mutex_count;
	return NO_ERROR;
}

void CREATE_MUTEX(MUTEX_NAME_TYPE MUTEX_NAME, PRIORITY_TYPE MUTEX_PRIORITY,
		  QUEUING_DISCIPLINE_TYPE QUEUING_DISCIPLINE, MUTEX_ID_TYPE *MUTEX_ID,
		  RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc;
	MUTEX_ID_TYPE id = 0;

	apex_lock();
	rc = mutex_create(MUTEX_NAME, MUTEX_PRIORITY, QUEUING_DISCIPLINE, &id);
	apex_unlock();
	if (rc == NO_ERROR)
		*MUTEX_ID = id;
	*RETURN_CODE = rc;
}

static RETURN_CODE_TYPE mutex_acquire(struct mutex *m, SYSTEM_TIME_TYPE timeout)
{
	struct apex_process *self = apex_current();
	struct apex_wait_exchange mine = { 0 };

	if (self && m->owner == self) {
		if (m->lock_count >= MAX_LOCK_LEVEL)
			return INVALID_CONFIG;
		m->lock_count++;
		return NO_ERROR;
	}
	/* another mutex held, the preemption lock, the error handler, the initialization */
	if (apex_may_not_wait())
		return INVALID_MODE;
	if (apex_process_priority(self) > m->priority)
		return INVALID_CONFIG;
	if (!m->owner) {
		mutex_take(m, self);
		return NO_ERROR;
	}
	return apex_object_wait(&m->waiters, timeout, &mine);
}

void ACQUIRE_MUTEX(MUTEX_ID_TYPE MUTEX_ID, SYSTEM_TIME_TYPE TIME_OUT,
		   RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc;
	struct mutex *m;

	apex_lock();
	m = mutex_of(MUTEX_ID);
	rc = m && apex_timeout_valid(TIME_OUT) ? mutex_acquire(m, TIME_OUT) : INVALID_PARAM;
	apex_unlock();
	*RETURN_CODE = rc;
}

void RELEASE_MUTEX(MUTEX_ID_TYPE MUTEX_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc = NO_ERROR;
	struct apex_process *self;
	struct mutex *m;

	apex_lock();
	self = apex_current();
	m = mutex_of(MUTEX_ID);
	if (!m) {
		rc = INVALID_PARAM;
	} else if (!self || m->owner != self) {
		rc = INVALID_MODE;
	} else if (--m->lock_count == 0) {
		mutex_free(m);
		apex_set_current_priority(self, apex_base_priority(self));
	}
	apex_unlock();
	*RETURN_CODE = rc;
}

void RESET_MUTEX(MUTEX_ID_TYPE MUTEX_ID, PROCESS_ID_TYPE PROCESS_ID,
		 RETURN_CODE_TYPE *RETURN_CODE)
{
	RETURN_CODE_TYPE rc = NO_ERROR;
	struct apex_process *p;
	struct mutex *m;

	apex_lock();
	m = mutex_of(MUTEX_ID);
	p = apex_process_by_id(PROCESS_ID);
	if (!m || !p) {
		rc = INVALID_PARAM;
	} else if (m->owner != p) {
		rc = INVALID_MODE;
	} else {
		mutex_free(m);
		apex_set_current_priority(p, apex_base_priority(p));
	}
	apex_unlock();
	*RETURN_CODE = rc;
}

bool apex_mutex_queue(const struct apex_wait_queue *q)
{
	for (APEX_INTEGER i = 0; i < mutex_count; i++)
		if (q == &mutexes[i].waiters)
			return true;
	return false;
}

void apex_mutexes_release(struct apex_process *p)
{
	struct mutex *m = mutex_owned_by(p);

	if (m)
		mutex_free(m);
}

void GET_MUTEX_ID(MUTEX_NAME_TYPE MUTEX_NAME, MUTEX_ID_TYPE *MUTEX_ID,
		  RETURN_CODE_TYPE *RETURN_CODE)
{
	apex_object_get_id(mutexes, sizeof(mutexes[0]), &mutex_count, MUTEX_NAME, MUTEX_ID,
			   RETURN_CODE);
}

void GET_MUTEX_STATUS(MUTEX_ID_TYPE MUTEX_ID, MUTEX_STATUS_TYPE *MUTEX_STATUS,
		      RETURN_CODE_TYPE *RETURN_CODE)
{
	MUTEX_STATUS_TYPE status;
	struct mutex *m;

	apex_lock();
	m = mutex_of(MUTEX_ID);
	if (m) {
		status.MUTEX_OWNER = m->owner ? apex_process_id(m->owner) : NULL_PROCESS_ID;
		status.MUTEX_STATE = m->owner ? OWNED : AVAILABLE;
		status.MUTEX_PRIORITY = m->priority;
		status.LOCK_COUNT = m->lock_count;
		status.WAITING_PROCESSES = apex_waiting(&m->waiters);
	}
	apex_unlock();
	if (m)
		*MUTEX_STATUS = status;
	*RETURN_CODE = m ? NO_ERROR : INVALID_PARAM;
}

void GET_PROCESS_MUTEX_STATE(PROCESS_ID_TYPE PROCESS_ID, MUTEX_ID_TYPE *MUTEX_ID,
			     RETURN_CODE_TYPE *RETURN_CODE)
{
	PARTITION_STATUS_TYPE partition;
	RETURN_CODE_TYPE rc = NO_ERROR, partition_rc;
	MUTEX_ID_TYPE id = NO_MUTEX_OWNED;
	struct apex_process *p;
	struct mutex *m;

	/* before the lock: the service takes it itself */
	GET_PARTITION_STATUS(&partition, &partition_rc);
	apex_lock();
	p = apex_process_by_id(PROCESS_ID);
	if (!p) {
		rc = INVALID_PARAM;
	} else if (partition_rc == NO_ERROR && partition.LOCK_LEVEL > 0 && p == apex_current()) {
		/* only the process that holds the preemption lock runs while it is held */
		id = PREEMPTION_LOCK_MUTEX;
	} else {
		m = mutex_owned_by(p);
		if (m)
			id = (MUTEX_ID_TYPE)(m - mutexes) + 1;
	}
	apex_unlock();
	if (rc == NO_ERROR)
		*MUTEX_ID = id;
	*RETURN_CODE = rc;
}
