/*
 * Wait queues: the processes waiting on one object, FIFO or by priority (FIFO among equals),
 * each until woken or until its timeout, which its vcpu's timer keeps (sched.c).
 */
#include "core.h"

void apex_wait_queue_init(struct apex_wait_queue *q, QUEUING_DISCIPLINE_TYPE discipline)
{
	q->first = NULL;
	q->discipline = discipline;
}

WAITING_RANGE_TYPE apex_waiting(const struct apex_wait_queue *q)
{
	WAITING_RANGE_TYPE n = 0;

	for (const struct apex_process *p = q->first; p; p = p->queue_next)
		n++;
	return n;
}

void apex_queue_enter(struct apex_wait_queue *q, struct apex_process *p)
{
	struct apex_process **at = &q->first;

	while (*at && (q->discipline != PRIORITY || (*at)->priority >= p->priority))
		at = &(*at)->queue_next;
	p->queue_next = *at;
	*at = p;
	p->queue = q;
}

void apex_queue_leave(struct apex_process *p)
{
	struct apex_process **at;

	if (!p->queue)
		return;
	for (at = &p->queue->first; *at && *at != p; at = &(*at)->queue_next)
		;
	if (*at)
		*at = p->queue_next;
	p->queue = NULL;
	p->queue_next = NULL;
}

RETURN_CODE_TYPE apex_wait(struct apex_wait_queue *q, SYSTEM_TIME_TYPE timeout)
{
	struct apex_process *p = apex_current();

	apex_queue_enter(q, p);
	p->block = APEX_IN_QUEUE;
	if (timeout != INFINITE_TIME_VALUE) {
		p->wake_at = apex_time_add(apex_now(), timeout);
		apex_timer_changed(p, p->wake_at);
	}
	apex_make_unready(p);
	return apex_block_current(p);
}

struct apex_process *apex_first_waiter(const struct apex_wait_queue *q)
{
	return q->first;
}

struct apex_process *apex_wake_first(struct apex_wait_queue *q)
{
	struct apex_process *p = q->first;

	if (p) {
		apex_queue_leave(p);
		apex_unblock(p, NO_ERROR);
	}
	return p;
}

WAITING_RANGE_TYPE apex_wake_all(struct apex_wait_queue *q)
{
	WAITING_RANGE_TYPE n = 0;

	while (apex_wake_first(q))
		n++;
	return n;
}
