/* Deadlines and a CPU's queue of them: see include/core/deadline.h. */
#include <core/deadline.h>

void deadline_arm(struct deadline *d, tick32_t from, uint64_t ahead)
{
	uint32_t steps = ahead ? (uint32_t)((ahead - 1) / DEADLINE_HORIZON) : 0;

	d->armed = true;
	d->steps = steps;
	d->at = from + (uint32_t)(ahead - (uint64_t)steps * DEADLINE_HORIZON);
}

bool deadline_passed(const struct deadline *d, tick32_t now)
{
	return d->armed && !tick32_before(now, d->at) &&
	       (now - d->at) / DEADLINE_HORIZON >= d->steps;
}

void deadline_queue_unlink(struct deadline_queue *q, struct deadline *d)
{
	struct deadline **link;

	for (link = &q->head; *link != d; link = &(*link)->next)
		;
	*link = d->next;
	d->queued = false;
}

/* Every queued step lies less than 2^31 ticks from every other (each is at most a horizon past
 * the decision that queued it, and a decision comes by the earliest): the order is wrap-safe. */
void deadline_queue_insert(struct deadline_queue *q, struct deadline *d)
{
	struct deadline **link;

	deadline_queue_remove(q, d);
	for (link = &q->head; *link && !tick32_before(d->at, (*link)->at); link = &(*link)->next)
		;
	d->next = *link;
	*link = d;
	d->queued = true;
}

void deadline_queue_step(struct deadline_queue *q, struct deadline *d)
{
	d->steps--;
	d->at += DEADLINE_HORIZON;
	deadline_queue_add(q, d);
}
