/*
 * The scheduler: fixed priorities, preemptive, one ready queue per vcpu, switched in the upcall.
 *
 * A vcpu's ready queue holds its processes that may run, the running one included, by priority
 * and, among equals, by the time each became ready: its head runs (unless a preemption lock
 * keeps the process that took it). Whatever changes a queue under the lock marks the vcpu
 * (apex_kick); at the lock's release it is rung, and its doorbell upcall compares the head with
 * the process it interrupted. A switch saves the interrupted context (the upcall frame) and its
 * FPU/SSE state in the outgoing process and has the trampoline resume the incoming one's.
 * Each vcpu's one-shot virtual timer is set to the earliest wake, release or deadline of its
 * processes; nothing polls.
 */
#include "core.h"

#define MAX_TIMER_NS 3600000000000ll    /* vint_set_timer's longest */

static inline void fxsave(uint8_t *area) { __asm__ volatile("fxsave %0" : "=m"(*area)); }
static inline void fxrstor(const uint8_t *area) { __asm__ volatile("fxrstor %0" : : "m"(*area)); }

static bool runs_on(const struct apex_vcpu *v, const struct apex_process *p)
{
	return v->current == p;
}

void apex_ready_insert(struct apex_process *p)
{
	struct apex_vcpu *v = apex_vcpu_of(p->vcpu);
	struct apex_process **at = &v->ready;

	while (*at && (*at)->priority >= p->priority)
		at = &(*at)->ready_next;
	p->ready_next = *at;
	*at = p;
	p->ready = true;
	if (v->ready == p)
		apex_kick(p->vcpu);
}

void apex_ready_remove(struct apex_process *p)
{
	struct apex_vcpu *v = apex_vcpu_of(p->vcpu);
	struct apex_process **at = &v->ready;

	while (*at && *at != p)
		at = &(*at)->ready_next;
	if (*at)
		*at = p->ready_next;
	p->ready = false;
	p->ready_next = NULL;
	if (runs_on(v, p) || at == &v->ready)
		apex_kick(p->vcpu);
}

void apex_make_ready(struct apex_process *p)
{
	if (!p->ready && !p->dormant && !p->held && !p->suspended && p->block == APEX_RUNS)
		apex_ready_insert(p);
}

void apex_make_unready(struct apex_process *p)
{
	if (p->ready)
		apex_ready_remove(p);
}

void apex_unblock(struct apex_process *p, RETURN_CODE_TYPE rc)
{
	p->wait_rc = rc;
	p->block = APEX_RUNS;
	p->wake_at = APEX_NEVER;
	apex_make_ready(p);
}

void apex_requeue(struct apex_process *p, bool first)
{
	struct apex_vcpu *v = apex_vcpu_of(p->vcpu);

	if (p->ready) {
		struct apex_process **at = &v->ready;

		apex_ready_remove(p);
		if (!first) {
			apex_ready_insert(p);
		} else {
			while (*at && (*at)->priority > p->priority)
				at = &(*at)->ready_next;
			p->ready_next = *at;
			*at = p;
			p->ready = true;
		}
		apex_kick(p->vcpu);
	}
	if (p->queue && p->queue->discipline == PRIORITY) {
		struct apex_wait_queue *q = p->queue;

		apex_queue_leave(p);
		apex_queue_enter(q, p);
	}
}

void apex_timer_changed(const struct apex_process *p, SYSTEM_TIME_TYPE t)
{
	if (t < apex_vcpu_of(p->vcpu)->timer_at)
		apex_kick(p->vcpu);
}

RETURN_CODE_TYPE apex_block_current(struct apex_process *p)
{
	apex_kick(p->vcpu);
	apex_unlock();
	apex_lock();
	/* its vcpu's upcall found the lock taken by another vcpu, and came back to it: again
	 * (and a restart while it came back: its fresh context is installed at the ring) */
	while (!p->ready || p->fresh) {
		apex_kick(p->vcpu);
		apex_unlock();
		apex_lock();
	}
	return p->wait_rc;
}

/* Wakes, releases and deadlines of this vcpu's processes that have come. */
static void expire(uint32_t me, SYSTEM_TIME_TYPE now)
{
	for (uint32_t i = 0; i < apex_core.count; i++) {
		struct apex_process *p = &apex_core.processes[i];

		if (p->vcpu != me || p->dormant)
			continue;
		if (p->wake_at <= now) {
			SYSTEM_TIME_TYPE at = p->wake_at;

			p->wake_at = APEX_NEVER;
			switch (p->block) {
			case APEX_IN_QUEUE:
				apex_queue_leave(p);
				apex_unblock(p, TIMED_OUT);
				break;
			case APEX_DELAYED:
				apex_unblock(p, NO_ERROR);
				break;
			case APEX_RELEASE:
				apex_process_release(p, at);
				break;
			default:        /* SUSPEND_SELF's timeout */
				p->suspended = p->suspended_self = false;
				apex_unblock(p, TIMED_OUT);
				break;
			}
		}
		if (p->deadline <= now) {
			p->deadline = APEX_NEVER;
			apex_raise_error(DEADLINE_MISSED, p, NULL, "deadline missed", 15);
		}
	}
}

static void timer_program(struct apex_vcpu *v, uint32_t me, SYSTEM_TIME_TYPE now)
{
	SYSTEM_TIME_TYPE earliest = APEX_NEVER;

	for (uint32_t i = 0; i < apex_core.count; i++) {
		const struct apex_process *p = &apex_core.processes[i];

		if (p->vcpu != me || p->dormant)
			continue;
		if (p->wake_at < earliest)
			earliest = p->wake_at;
		if (p->deadline < earliest)
			earliest = p->deadline;
	}
	if (earliest == v->timer_at)
		return;
	if (earliest == APEX_NEVER) {
		v->timer_at = earliest;
		bh_vint_set_timer(0, 0);
	} else {
		SYSTEM_TIME_TYPE in = earliest - now;

		in = in < 1 ? 1 : in > MAX_TIMER_NS ? MAX_TIMER_NS : in;
		/* what it is set for: a time further than the timer reaches is set again then */
		v->timer_at = now + in;
		bh_vint_set_timer(0, (uint64_t)in);
	}
}

/* Who runs next on v: its ready queue's head, unless a preemption lock keeps its taker. */
static struct apex_process *pick(const struct apex_vcpu *v)
{
	struct apex_process *head = v->ready;

	if (apex_core.mode != NORMAL)
		return NULL;
	if (v->lock_level && v->lock_owner && v->lock_owner->ready &&
	    !(head && head->error_handler))
		return v->lock_owner;
	return head;
}

void apex_upcall(uint32_t line, const struct bh_upcall_frame *frame)
{
	uint32_t me = apex_vcpu_index();
	struct apex_vcpu *v = apex_vcpu_of(me);
	struct apex_process *cur = v->current, *next;
	SYSTEM_TIME_TYPE now;
	uint32_t lines;
	bool idle_ran = false;          /* the idle loop ran, with cur still the current process */

	if (!apex_lock_try()) {
		__atomic_or_fetch(&v->deferred, 1u << line, __ATOMIC_SEQ_CST);
		apex_kick(me);
		if (!apex_lock_try()) {
			/* the holder rings this vcpu as it leaves; a process that faulted waits for
			 * that in the idle loop, rather than faulting again and again */
			if (line == BH_VINT_FAULT && cur && !v->faulted) {
				v->fault_frame = *frame;
				v->faulted = true;
				bh_upcall_resume(&v->idle);
			}
			return;
		}
	}
	lines = __atomic_exchange_n(&v->deferred, 0, __ATOMIC_SEQ_CST) | 1u << line;
	/* a one-shot timer that fired is set for nothing (its time may read a little ahead of
	 * the page's clock: then it is set again) */
	if (lines & (1u << BH_VINT_TIMER))
		v->timer_at = APEX_NEVER;
	/* the interrupted code's FPU/SSE state, before any code here may touch it (the idle
	 * loop that a fault left the process for touches none; an incarnation a STOP on another
	 * vcpu ended keeps nothing, and its restart starts from the fresh state) */
	fxsave(cur && !cur->fresh ? cur->fpu : v->idle_fpu);
	if (v->faulted) {
		v->faulted = false;
		v->idle = *frame;
		frame = &v->fault_frame;
		idle_ran = true;
	}
	if (lines & (1u << BH_VINT_FAULT)) {
		/* the error service holds it with its faulting context */
		/* a fault of an incarnation a STOP on another vcpu ended has nobody to report */
		if (!cur || (!cur->fresh && !cur->dormant)) {
			if (cur)
				cur->context = *frame;
			apex_fault_arrived(cur);
		}
	}
	if (lines & (1u << BH_VINT_PORT))
		apex_ports_changed();
	now = apex_now();
	if ((lines & (1u << BH_VINT_WINDOW_START)) && apex_core.mode == NORMAL &&
	    apex_core.anchor == APEX_NEVER) {
		struct bh_partition_status status;

		if (bh_partition_status(BH_SELF, &status) >= 0)
			apex_anchor_set((SYSTEM_TIME_TYPE)status.window_start_ns);
	}
	expire(me, now);
	next = apex_processes_paused(me) ? NULL : pick(v);
	if (next != cur || (cur && cur->fresh) || idle_ran) {
		if (!cur)
			v->idle = *frame;
		else if (!cur->fresh)
			cur->context = *frame;
		v->current = next;
		if (next)
			next->fresh = false;
		v->resume = next ? next->context : v->idle;
		bh_upcall_resume(&v->resume);
	}
	fxrstor(next ? next->fpu : v->idle_fpu);
	timer_program(v, me, now);
	apex_lock_release();
}

struct apex_process *apex_current(void)
{
	return apex_this_vcpu()->current;
}
