/*
 * Processes: their creation, start, stop, suspension, priority and core affinity, and the
 * services that tell about them. Each service takes the lock, checks its arguments in the order
 * ARINC 653 Part 1 gives their errors, changes state, and releases it; a switch that the change
 * calls for happens at the release (sched.c).
 */
#include "core.h"

#define MIN_STACK 1024u
#define MAX_STACK (4u << 20)             /* a partition's memory is at most 4 MiB */

static uint8_t fpu_fresh[APEX_FPU_AREA] __attribute__((aligned(16)));

/* A process's first instruction: its entry point, then STOP_SELF if that returns. */
static void process_main(void) __attribute__((noreturn));
static void process_main(void)
{
	((void (*)(void))apex_current()->attributes.ENTRY_POINT)();
	STOP_SELF();
	__builtin_unreachable();        /* a process's STOP_SELF never returns */
}

void apex_processes_init(void)
{
	/* the FPU/SSE state a process starts with: the one the partition started with */
	__asm__ volatile("fxsave %0" : "=m"(fpu_fresh));
}

static bool periodic(const struct apex_process *p)
{
	return p->attributes.PERIOD != INFINITE_TIME_VALUE;
}

/* A time attribute: INFINITE_TIME_VALUE or positive. */
static bool time_valid(SYSTEM_TIME_TYPE t)
{
	return t == INFINITE_TIME_VALUE || t > 0;
}

struct apex_process *apex_process_by_id(PROCESS_ID_TYPE id)
{
	if (id < 1 || (uint32_t)id > apex_core.count)
		return NULL;
	return &apex_core.processes[id - 1];
}

/* What the services accept as a PROCESS_ID: a process of CREATE_PROCESS, not the handler. */
static struct apex_process *process_of(PROCESS_ID_TYPE id)
{
	struct apex_process *p = apex_process_by_id(id);

	return p && !p->error_handler ? p : NULL;
}

static struct apex_process *process_named(const NAME_TYPE name)
{
	for (uint32_t i = 0; i < apex_core.count; i++) {
		struct apex_process *p = &apex_core.processes[i];

		if (!p->error_handler && apex_name_equal(p->attributes.NAME, name))
			return p;
	}
	return NULL;
}

struct apex_process *apex_process_create(const PROCESS_ATTRIBUTE_TYPE *a, bool error_handler,
					 RETURN_CODE_TYPE *rc)
{
	struct apex_process *p;
	uint32_t stack_size;
	uint8_t *stack;

	if (!error_handler && (apex_core.count >= apex_core.capacity ||
			       (uint32_t)apex_core.created >= apex_core.limit)) {
		*rc = INVALID_CONFIG;
		return NULL;
	}
	if (!error_handler && process_named(a->NAME)) {
		*rc = NO_ACTION;
		return NULL;
	}
	if (a->STACK_SIZE < MIN_STACK || a->STACK_SIZE > MAX_STACK || !a->ENTRY_POINT ||
	    (!error_handler && (a->BASE_PRIORITY < MIN_PRIORITY_VALUE ||
				a->BASE_PRIORITY > MAX_PRIORITY_VALUE))) {
		*rc = INVALID_PARAM;
		return NULL;
	}
	/* the standard's code for a period out of range: periods are the configuration's business */
	if (!time_valid(a->PERIOD)) {
		*rc = INVALID_CONFIG;
		return NULL;
	}
	if (!time_valid(a->TIME_CAPACITY) ||
	    (a->PERIOD != INFINITE_TIME_VALUE && a->TIME_CAPACITY != INFINITE_TIME_VALUE &&
	     a->TIME_CAPACITY > a->PERIOD) ||
	    (a->DEADLINE != SOFT && a->DEADLINE != HARD)) {
		*rc = INVALID_PARAM;
		return NULL;
	}
	if (apex_core.mode == NORMAL) {
		*rc = INVALID_MODE;
		return NULL;
	}
	stack_size = (a->STACK_SIZE + BH_PAGE_SIZE - 1) & ~(BH_PAGE_SIZE - 1);
	stack = apex_core.count < apex_core.capacity ? apex_stack_alloc(stack_size) : NULL;
	if (!stack) {
		*rc = INVALID_CONFIG;
		return NULL;
	}
	p = &apex_core.processes[apex_core.count++];
	memset(p, 0, sizeof(*p));
	p->attributes = *a;
	apex_name_copy(p->attributes.NAME, a->NAME);
	p->id = (PROCESS_ID_TYPE)apex_core.count;
	p->index = error_handler ? 0 : ++apex_core.created;
	p->error_handler = error_handler;
	if (error_handler)
		p->attributes.BASE_PRIORITY = APEX_HANDLER_PRIORITY;
	p->priority = p->retained = p->attributes.BASE_PRIORITY;
	p->dormant = true;
	p->wake_at = p->deadline = APEX_NEVER;
	p->stack = stack;
	p->stack_size = stack_size;
	apex_stack_owner(stack, stack_size, 0);
	*rc = NO_ERROR;
	return p;
}

void apex_process_reset(struct apex_process *p)
{
	uint32_t *top = (uint32_t *)(p->stack + p->stack_size);

	top[-1] = 0;    /* process_main's return address: none */
	memset(&p->context, 0, sizeof(p->context));
	p->context.eip = BH_PTR(process_main);
	p->context.esp = BH_PTR(&top[-1]);
	p->context.eflags = BH_FLAG_IF | 2;
	p->context.cs = BH_USER_CS;
	p->context.ss = p->context.ds = p->context.es = p->context.fs = p->context.gs = BH_USER_DS;
	memcpy(p->fpu, fpu_fresh, sizeof(p->fpu));
	p->fresh = true;
	/* running on its vcpu (a STOP_SELF not yet switched away): that upcall installs it */
	if (apex_vcpu_of(p->vcpu)->current == p)
		apex_kick(p->vcpu);
	p->priority = p->retained = p->attributes.BASE_PRIORITY;
	p->suspended = p->suspended_self = p->held = false;
	p->block = APEX_RUNS;
	p->wake_at = p->deadline = APEX_NEVER;
	p->wait_rc = NO_ERROR;
}

void apex_process_schedule_start(struct apex_process *p, SYSTEM_TIME_TYPE delay)
{
	SYSTEM_TIME_TYPE at;

	p->delay = delay;
	if (apex_core.mode != NORMAL || (periodic(p) && apex_core.anchor == APEX_NEVER)) {
		p->block = periodic(p) ? APEX_AT_ANCHOR : APEX_AT_NORMAL;
		return;
	}
	at = apex_time_add(periodic(p) ? apex_next_release_point(apex_now()) : apex_now(), delay);
	if (!periodic(p) && delay == 0) {
		apex_process_release(p, at);
		return;
	}
	p->block = APEX_RELEASE;
	p->wake_at = at;
	apex_timer_changed(p, at);
}

void apex_process_release(struct apex_process *p, SYSTEM_TIME_TYPE at)
{
	p->release = at;
	p->deadline = p->attributes.TIME_CAPACITY == INFINITE_TIME_VALUE ? APEX_NEVER :
		      apex_time_add(at, p->attributes.TIME_CAPACITY);
	apex_timer_changed(p, p->deadline);
	apex_unblock(p, NO_ERROR);
}

void apex_process_start(struct apex_process *p)
{
	apex_process_reset(p);
	p->dormant = false;
	apex_process_schedule_start(p, 0);
}

bool apex_process_dormant(const struct apex_process *p)
{
	return p->dormant;
}

void apex_process_hold(struct apex_process *p)
{
	p->held = true;
	p->wake_at = p->deadline = APEX_NEVER;
	apex_make_unready(p);
}

void apex_process_stop(struct apex_process *p)
{
	struct apex_vcpu *v = apex_vcpu_of(p->vcpu);

	apex_queue_leave(p);
	apex_make_unready(p);
	if (p->mutexes)
		apex_mutexes_release(p);
	p->dormant = true;
	if (p->error_handler)
		apex_error_handler_stopped();
	p->suspended = p->suspended_self = p->held = false;
	p->block = APEX_RUNS;
	p->wake_at = p->deadline = APEX_NEVER;
	if (v->lock_owner == p) {
		v->lock_level = 0;
		v->lock_owner = NULL;
		apex_kick(p->vcpu);
	}
}

PROCESS_ID_TYPE apex_process_id(const struct apex_process *p)
{
	return p->id;
}

PRIORITY_TYPE apex_process_priority(const struct apex_process *p)
{
	return p->priority;
}

PRIORITY_TYPE apex_base_priority(const struct apex_process *p)
{
	return p->retained;
}

void apex_set_current_priority(struct apex_process *p, PRIORITY_TYPE priority)
{
	bool raised = priority > p->priority;

	p->priority = priority;
	/* the running process raised to a mutex's priority keeps running among its equals */
	apex_requeue(p, raised && p == apex_vcpu_of(p->vcpu)->current);
}

void apex_mutex_count(struct apex_process *p, int change)
{
	p->mutexes += change;
}

struct apex_wait_exchange *apex_exchange(struct apex_process *p)
{
	return &p->exchange;
}

bool apex_may_not_wait(void)
{
	struct apex_vcpu *v = apex_this_vcpu();
	struct apex_process *p = v->current;

	return !p || p->error_handler || v->lock_level > 0 || p->mutexes > 0;
}

void CREATE_PROCESS(PROCESS_ATTRIBUTE_TYPE *ATTRIBUTES, PROCESS_ID_TYPE *PROCESS_ID,
		    RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = apex_process_create(ATTRIBUTES, false, RETURN_CODE);
	if (p)
		*PROCESS_ID = p->id;
	apex_unlock();
}

void SET_PRIORITY(PROCESS_ID_TYPE PROCESS_ID, PRIORITY_TYPE PRIORITY,
		  RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = process_of(PROCESS_ID);
	if (!p || PRIORITY < MIN_PRIORITY_VALUE || PRIORITY > MAX_PRIORITY_VALUE) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (p->dormant) {
		*RETURN_CODE = INVALID_MODE;
	} else {
		/* a mutex's owner runs at the mutex's priority until it releases it */
		p->retained = PRIORITY;
		if (!p->mutexes) {
			p->priority = PRIORITY;
			apex_requeue(p, false);
		}
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

void SUSPEND_SELF(SYSTEM_TIME_TYPE TIME_OUT, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = apex_current();
	if (apex_may_not_wait()) {
		*RETURN_CODE = INVALID_MODE;
	} else if (TIME_OUT < INFINITE_TIME_VALUE) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (periodic(p)) {
		*RETURN_CODE = INVALID_MODE;
	} else if (TIME_OUT == 0) {
		*RETURN_CODE = NO_ERROR;
	} else {
		p->suspended = p->suspended_self = true;
		if (TIME_OUT != INFINITE_TIME_VALUE) {
			p->wake_at = apex_time_add(apex_now(), TIME_OUT);
			apex_timer_changed(p, p->wake_at);
		}
		apex_make_unready(p);
		*RETURN_CODE = apex_block_current(p);
	}
	apex_unlock();
}

void SUSPEND(PROCESS_ID_TYPE PROCESS_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = process_of(PROCESS_ID);
	if (!p || p == apex_current()) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (p->dormant || p->held || periodic(p) || p->mutexes ||
		   (p->block == APEX_IN_QUEUE && apex_mutex_queue(p->queue))) {
		*RETURN_CODE = INVALID_MODE;
	} else if (p->suspended) {
		*RETURN_CODE = NO_ACTION;
	} else {
		p->suspended = true;
		apex_make_unready(p);
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

void RESUME(PROCESS_ID_TYPE PROCESS_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = process_of(PROCESS_ID);
	if (!p || p == apex_current()) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (p->dormant || p->held || periodic(p)) {
		*RETURN_CODE = INVALID_MODE;
	} else if (!p->suspended) {
		*RETURN_CODE = NO_ACTION;
	} else {
		p->suspended = false;
		if (p->suspended_self) {
			/* a suspension of its own ends here, its timeout with it */
			p->suspended_self = false;
			apex_unblock(p, NO_ERROR);
		} else if (p->block == APEX_RUNS) {
			/* a wait that ended (woken or timed out) while it was suspended: as it ended */
			apex_make_ready(p);
		}
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

void STOP_SELF(void)
{
	struct apex_process *p;

	apex_lock();
	p = apex_current();
	if (!p) {
		apex_unlock();
		return;
	}
	apex_process_stop(p);
	apex_block_current(p);
	/* started again: its context was reset, so it never comes back here */
	apex_unlock();
}

void STOP(PROCESS_ID_TYPE PROCESS_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = process_of(PROCESS_ID);
	if (!p || p == apex_current()) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (p->dormant) {
		*RETURN_CODE = NO_ACTION;
	} else {
		apex_process_stop(p);
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

void START(PROCESS_ID_TYPE PROCESS_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = process_of(PROCESS_ID);
	if (!p) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (!p->dormant) {
		*RETURN_CODE = NO_ACTION;
	} else {
		apex_process_start(p);
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

void DELAYED_START(PROCESS_ID_TYPE PROCESS_ID, SYSTEM_TIME_TYPE DELAY_TIME,
		   RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = process_of(PROCESS_ID);
	if (!p || DELAY_TIME < 0 || (periodic(p) && DELAY_TIME >= p->attributes.PERIOD)) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (!p->dormant) {
		*RETURN_CODE = NO_ACTION;
	} else {
		apex_process_reset(p);
		p->dormant = false;
		apex_process_schedule_start(p, DELAY_TIME);
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

void LOCK_PREEMPTION(LOCK_LEVEL_TYPE *LOCK_LEVEL, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_vcpu *v;
	struct apex_process *p;

	apex_lock();
	v = apex_this_vcpu();
	p = v->current;
	if (apex_core.mode != NORMAL || !p || p->error_handler) {
		*RETURN_CODE = NO_ACTION;
	} else if (v->lock_level >= MAX_LOCK_LEVEL) {
		*RETURN_CODE = INVALID_CONFIG;
	} else {
		v->lock_level++;
		v->lock_owner = p;
		*RETURN_CODE = NO_ERROR;
	}
	*LOCK_LEVEL = v->lock_level;
	apex_unlock();
}

void UNLOCK_PREEMPTION(LOCK_LEVEL_TYPE *LOCK_LEVEL, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_vcpu *v;
	struct apex_process *p;

	apex_lock();
	v = apex_this_vcpu();
	p = v->current;
	if (apex_core.mode != NORMAL || !p || p->error_handler || !v->lock_level) {
		*RETURN_CODE = NO_ACTION;
	} else {
		if (!--v->lock_level) {
			v->lock_owner = NULL;
			apex_kick(p->vcpu);     /* what it held back may run now */
		}
		*RETURN_CODE = NO_ERROR;
	}
	*LOCK_LEVEL = v->lock_level;
	apex_unlock();
}

void GET_MY_ID(PROCESS_ID_TYPE *PROCESS_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p = apex_current();

	if (!p) {
		*RETURN_CODE = INVALID_MODE;
		return;
	}
	*PROCESS_ID = p->id;
	*RETURN_CODE = NO_ERROR;
}

void GET_MY_INDEX(PROCESS_INDEX_TYPE *PROCESS_INDEX, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p = apex_current();

	if (!p || p->error_handler) {
		*RETURN_CODE = INVALID_MODE;
		return;
	}
	*PROCESS_INDEX = p->index;
	*RETURN_CODE = NO_ERROR;
}

void GET_PROCESS_ID(PROCESS_NAME_TYPE PROCESS_NAME, PROCESS_ID_TYPE *PROCESS_ID,
		    RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = process_named(PROCESS_NAME);
	if (!p) {
		*RETURN_CODE = INVALID_CONFIG;
	} else {
		*PROCESS_ID = p->id;
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

static PROCESS_STATE_TYPE state_of(const struct apex_process *p)
{
	if (p->dormant)
		return DORMANT;
	if (p->held)
		return FAULTED;
	if (!p->ready)
		return WAITING;
	return apex_vcpu_of(p->vcpu)->current == p ? RUNNING : READY;
}

void GET_PROCESS_STATUS(PROCESS_ID_TYPE PROCESS_ID, PROCESS_STATUS_TYPE *PROCESS_STATUS,
			RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = apex_process_by_id(PROCESS_ID);
	if (!p) {
		*RETURN_CODE = INVALID_PARAM;
	} else {
		PROCESS_STATUS->DEADLINE_TIME = p->deadline == APEX_NEVER ? INFINITE_TIME_VALUE :
						p->deadline;
		PROCESS_STATUS->CURRENT_PRIORITY = p->priority;
		PROCESS_STATUS->PROCESS_STATE = state_of(p);
		PROCESS_STATUS->ATTRIBUTES = p->attributes;
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

void INITIALIZE_PROCESS_CORE_AFFINITY(PROCESS_ID_TYPE PROCESS_ID,
				      PROCESSOR_CORE_ID_TYPE PROCESSOR_CORE_ID,
				      RETURN_CODE_TYPE *RETURN_CODE)
{
	struct apex_process *p;

	apex_lock();
	p = apex_process_by_id(PROCESS_ID);
	if (!p) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (PROCESSOR_CORE_ID != CORE_AFFINITY_NO_PREFERENCE && (PROCESSOR_CORE_ID < 0 ||
		   (uint32_t)PROCESSOR_CORE_ID >= apex_core.partition.vcpu_count)) {
		*RETURN_CODE = INVALID_CONFIG;
	} else if (apex_core.mode == NORMAL) {
		*RETURN_CODE = INVALID_MODE;
	} else {
		bool ready = p->ready;

		apex_make_unready(p);
		/* no preference: the partition's first vcpu, where every process starts bound */
		p->vcpu = PROCESSOR_CORE_ID == CORE_AFFINITY_NO_PREFERENCE ? 0 :
			  (uint32_t)PROCESSOR_CORE_ID;
		apex_stack_owner(p->stack, p->stack_size, p->vcpu);
		if (ready)
			apex_ready_insert(p);
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

void GET_MY_PROCESSOR_CORE_ID(PROCESSOR_CORE_ID_TYPE *PROCESSOR_CORE_ID,
			      RETURN_CODE_TYPE *RETURN_CODE)
{
	*PROCESSOR_CORE_ID = (PROCESSOR_CORE_ID_TYPE)apex_vcpu_index();
	*RETURN_CODE = NO_ERROR;
}
