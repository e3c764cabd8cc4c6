/* The host stand-in for the APEX layer's core: see apex_core_fake.h. */
#include <assert.h>
#include <string.h>
#include "apex_core_fake.h"

struct apex_process fake_processes[FAKE_PROCESSES];
struct apex_process *fake_current;
OPERATING_MODE_TYPE fake_mode;
bool fake_no_wait;
LOCK_LEVEL_TYPE fake_lock_level;
uint32_t fake_alloc_left = 1u << 20;
SYSTEM_TIME_TYPE fake_last_timeout = -2;
int fake_waits;
void (*fake_while_waiting)(void);

static bool locked;
static _Alignas(16) uint8_t arena[1u << 20];
static uint32_t arena_used;

void fake_reset(PRIORITY_TYPE priority)
{
	for (int i = 0; i < FAKE_PROCESSES; i++) {
		fake_processes[i] = (struct apex_process){ .id = i + 1, .priority = priority,
							   .base = priority };
	}
	fake_current = &fake_processes[0];
	fake_mode = NORMAL;
	fake_no_wait = false;
	fake_lock_level = 0;
	fake_last_timeout = -2;
	fake_waits = 0;
	fake_while_waiting = NULL;
}

struct apex_process *fake_process(PROCESS_ID_TYPE id)
{
	return &fake_processes[id - 1];
}

void apex_lock(void)
{
	assert(!locked);
	locked = true;
}

void apex_unlock(void)
{
	assert(locked);
	locked = false;
}

struct apex_process *apex_current(void) { return fake_current; }
struct apex_wait_exchange *apex_exchange(struct apex_process *p) { return &p->exchange; }
PROCESS_ID_TYPE apex_process_id(const struct apex_process *p) { return p->id; }
PRIORITY_TYPE apex_process_priority(const struct apex_process *p) { return p->priority; }
PRIORITY_TYPE apex_base_priority(const struct apex_process *p) { return p->base; }
OPERATING_MODE_TYPE apex_mode(void) { return fake_mode; }
SYSTEM_TIME_TYPE apex_now(void) { return 0; }

bool apex_may_not_wait(void)
{
	assert(locked);
	return fake_no_wait || !fake_current || fake_current->mutexes > 0;
}

void apex_set_current_priority(struct apex_process *p, PRIORITY_TYPE priority)
{
	assert(locked);
	p->priority = priority;
}

void apex_mutex_count(struct apex_process *p, int change)
{
	assert(locked);
	p->mutexes += change;
	assert(p->mutexes >= 0);
}

struct apex_process *apex_process_by_id(PROCESS_ID_TYPE id)
{
	return id >= 1 && id <= FAKE_PROCESSES ? &fake_processes[id - 1] : NULL;
}

void apex_wait_queue_init(struct apex_wait_queue *q, QUEUING_DISCIPLINE_TYPE discipline)
{
	q->first = NULL;
	q->discipline = discipline;
}

WAITING_RANGE_TYPE apex_waiting(const struct apex_wait_queue *q)
{
	WAITING_RANGE_TYPE n = 0;

	for (const struct apex_process *p = q->first; p; p = p->next)
		n++;
	return n;
}

static void queue_insert(struct apex_wait_queue *q, struct apex_process *p)
{
	struct apex_process **at = &q->first;

	while (*at && !(q->discipline == PRIORITY && p->priority > (*at)->priority))
		at = &(*at)->next;
	p->next = *at;
	*at = p;
}

static void queue_remove(struct apex_wait_queue *q, struct apex_process *p)
{
	for (struct apex_process **at = &q->first; *at; at = &(*at)->next) {
		if (*at == p) {
			*at = p->next;
			return;
		}
	}
}

RETURN_CODE_TYPE apex_wait(struct apex_wait_queue *q, SYSTEM_TIME_TYPE timeout)
{
	struct apex_process *self = fake_current;
	void (*script)(void) = fake_while_waiting;

	assert(locked && self && timeout != 0);
	fake_waits++;
	fake_last_timeout = timeout;
	self->woken = false;
	queue_insert(q, self);
	fake_while_waiting = NULL;
	locked = false;
	if (script)
		script();
	assert(!locked);
	locked = true;
	fake_current = self;
	if (self->woken)
		return NO_ERROR;
	queue_remove(q, self);
	return TIMED_OUT;
}

struct apex_process *apex_first_waiter(const struct apex_wait_queue *q)
{
	assert(locked);
	return q->first;
}

struct apex_process *apex_wake_first(struct apex_wait_queue *q)
{
	struct apex_process *p = q->first;

	assert(locked);
	if (p) {
		q->first = p->next;
		p->woken = true;
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

void *apex_alloc(uint32_t bytes)
{
	uint32_t size = (bytes + 15u) & ~15u;
	void *p;

	if (size > fake_alloc_left || arena_used + size > sizeof(arena))
		return NULL;
	p = arena + arena_used;
	arena_used += size;
	fake_alloc_left -= size;
	return p;
}

void apex_name_copy(NAME_TYPE to, const NAME_TYPE from)
{
	strncpy(to, from, MAX_NAME_LENGTH);
}

bool apex_name_equal(const NAME_TYPE a, const NAME_TYPE b)
{
	return strncmp(a, b, MAX_NAME_LENGTH) == 0;
}

void GET_PARTITION_STATUS(PARTITION_STATUS_TYPE *PARTITION_STATUS,
			  RETURN_CODE_TYPE *RETURN_CODE)
{
	assert(!locked);
	memset(PARTITION_STATUS, 0, sizeof(*PARTITION_STATUS));
	PARTITION_STATUS->LOCK_LEVEL = fake_lock_level;
	PARTITION_STATUS->OPERATING_MODE = fake_mode;
	*RETURN_CODE = NO_ERROR;
}
