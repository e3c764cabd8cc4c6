/* The dispatcher: the cyclic plan in motion. See include/core/dispatch.h. */
#include <core/dispatch.h>
#include <core/partition.h>
#include <core/deployment.h>
#include <core/vint.h>
#include <core/console.h>
#include <core/report.h>
#include <core/trace.h>
#include <core/deferred_output.h>
#include <core/panic.h>
#include <public/vint.h>
#include <lib/plural.h>

struct vcpu *current;
struct sched_plan dispatch_plan;
struct sched_slot dispatch_slot;

/* Times are the clock's low half (core/tick32.h). */
static tick32_t last_now;       /* the clock at the last decision */
static uint32_t run_frames;
/* the last decision's earliest window end or event of the slot's partition, quantum aside */
static tick32_t window_deadline;

#define SCHEDULE_LEAD_NS US(20)

/*
 * A reload (a partition's first load, or a cold restart) rewrites its memory a page at a time,
 * inside the partition's own windows only. A page starts only if, at the longest page step seen,
 * it ends RELOAD_REST_NS before the window does: what the decision needs after it (the choice,
 * the switch, the timer; after the last page, starting the partition). A window must also hold
 * RELOAD_ENTRY_NS, the interrupt and the decision up to the first page, or a reload could make no
 * progress in it: at boot a page step at its worst (partition_reload_worst_step) is timed, and a
 * deployment with a window too short for it on this CPU is refused. Every step since raises the
 * estimate, up to what the shortest such window holds, so that a step a disturbance stretched
 * (an SMI; the host, under QEMU without -icount) cannot stop reloads for good.
 * Under -icount, a page step at its worst takes 2.5 us, the decision before it 0.3 us (1 us
 * after a neighbour's console write) and after it 0.2 us, plus 1.4 us to start four vcpus.
 */
#define RELOAD_ENTRY_NS US(1)
#define RELOAD_REST_NS US(2)
/* timings at boot before the deployment is refused: one disturbed timing is not the CPU's pace */
#define RELOAD_TIMINGS 3
static uint32_t reload_page;        /* clock ticks: the longest page step seen, up to the cap */
static uint32_t reload_page_cap;    /* clock ticks */
static uint32_t reload_rest;        /* clock ticks */

/* The partition whose window the current slot is (NULL in an idle gap), set once per slot. */
static struct partition *slot_owner;

static void enter_window(struct partition *p, tick32_t now)
{
	p->stats.windows_entered++;
	p->window_start = now;
	/* down and halted vcpus too: starting one clears its lines (vcpu_initialize), and a line
	 * pending on one that cannot run wakes nothing */
	for (struct vcpu *v = p->vcpu_list; v; v = v->next_in_list)
		vint_raise(v, BH_VINT_WINDOW_START);
}

/* Returns the slot's partition (NULL: an idle gap). */
static struct partition *enter_slot(tick32_t now, bool new_frame)
{
	struct partition *p = dispatch_plan.stretches[dispatch_slot.stretch].owner;

	if (new_frame && run_frames && dispatch_slot.frame >= run_frames)
		report_and_shutdown();
	trace_slot(TRACE_WINDOW_START, &dispatch_plan, &dispatch_slot);
	slot_owner = p;
	if (p)
		enter_window(p, now);
	return p;
}

/*
 * Times a page step at its worst, and refuses a deployment with a window in which a reload could
 * make no progress on this CPU (the validator knows windows, not the CPU's pace).
 */
static void check_reload_fits(uint32_t windows)
{
	uint32_t entry = (uint32_t)arch_clock_ns_to_ticks(RELOAD_ENTRY_NS), shortest = UINT32_MAX;
	uint32_t at = 0;

	reload_rest = (uint32_t)arch_clock_ns_to_ticks(RELOAD_REST_NS);
	/* a partition stopped at boot (no image) never loads: its windows may be as short as any */
	for (uint32_t i = 0; i < windows; i++) {
		const struct sched_window *w = &dispatch_plan.windows[i];

		if (!partitions[w->partition].stopped_for_good && w->duration < shortest) {
			shortest = (uint32_t)w->duration;
			at = i;
		}
	}
	reload_page = UINT32_MAX;
	for (uint32_t k = 0; k < RELOAD_TIMINGS; k++) {
		uint64_t start = arch_clock_now(), took;

		if (!partition_reload_worst_step())
			return;
		took = arch_clock_now() - start;
		if (took < reload_page)
			reload_page = (uint32_t)took;
		if ((uint64_t)entry + reload_page + reload_rest <= shortest) {
			reload_page_cap = shortest - entry - reload_rest;
			return;
		}
	}
	kprintf("bulkhead: deployment '%s' refused: windows[%u].duration_ns: %llu ns; a page of a "
		"load takes %llu ns on this CPU, so partition '%s' could never load in it: its windows "
		"need at least %llu ns here\n", deployment.name, at, arch_clock_ticks_to_ns(shortest),
		arch_clock_ticks_to_ns(reload_page), partitions[dispatch_plan.windows[at].partition].name,
		arch_clock_ticks_to_ns((uint64_t)entry + reload_page + reload_rest));
	kprintf("bulkhead: no partition started; shutting down\n");
	arch_shutdown();
}

/* Tests and tools compute every planned window start from these lines (the epoch comes last).
 * "plan window I" is the deployment's windows[I]; "window N" of a partition, in its own lines and
 * the docs, is the N-th window it entered (bh_partition_status's windows_entered). */
static void print_windows(void)
{
	for (uint32_t i = 0; i < dispatch_plan.count; i++) {
		const struct sched_window *w = &dispatch_plan.windows[i];

		kprintf("bulkhead: plan window %u: partition %u '%s' offset %llu ns duration %llu ns\n", i,
			w->partition, partitions[w->partition].name, arch_clock_ticks_to_ns(w->offset),
			arch_clock_ticks_to_ns(w->duration));
	}
}

/*
 * Timers and waits of p's vcpus that are due; returns the earliest one still ahead (or the next
 * step towards it), at most the horizon away. The dispatcher calls it only when p->next_event
 * says one may be due.
 */
static tick32_t expire_events(struct partition *p, tick32_t now)
{
	tick32_t next = now + TICK32_HORIZON;

	for (struct vcpu *v = p->vcpu_list; v; v = v->next_in_list) {
		struct tick32_deadline *timer = &v->timer.expiry, *wait = &v->wait.timeout;

		if (timer->armed) {
			if (tick32_deadline_reached(timer, now))
				vint_timer_expired(v, now);
			if (timer->armed && tick32_before(timer->at, next))
				next = timer->at;
		}
		if (!wait->armed || v->state != VCPU_BLOCKED)
			continue;
		if (tick32_deadline_reached(wait, now))
			vcpu_wake(v, BH_ETIMEDOUT);
		else if (tick32_before(wait->at, next))
			next = wait->at;
	}
	return next;
}

/* Page steps of p's reload while each fits in the window ending at `end`; returns the clock.
 * Out of line: every decision passes by, few call it. */
static __attribute__((noinline)) tick32_t reload(struct partition *p, tick32_t end)
{
	tick32_t now = arch_clock_now32(), last = end - reload_rest;

	while (!tick32_before(last, now + reload_page)) {
		bool done = partition_reload_step(p);
		tick32_t after = arch_clock_now32();

		if (done)
			return after;
		if (after - now > reload_page)
			reload_page = after - now < reload_page_cap ? after - now : reload_page_cap;
		now = after;
	}
	return now;
}

void dispatch_events_changed(struct partition *p)
{
	p->next_event = last_now;
}

/* Gives the CPU to next (NULL: idle); next == current re-dispatches it with a fresh quantum. */
static inline __attribute__((always_inline)) void switch_to(struct vcpu *next, tick32_t now)
{
	trace_switch(current, next);
	/* RUNNABLE and RUNNING are both in the runnable bitmap: these two writes leave it as is */
	if (current) {
		/* signed: a decision nested in this one (a wake raising a higher priority) may have
		 * dispatched it later than `now`; the next switch-out makes up the difference */
		current->stats.consumed += (uint64_t)(int64_t)(int32_t)(now - current->stats.dispatched_at);
		if (current->state == VCPU_RUNNING)
			current->state = VCPU_RUNNABLE;
	}
	if (next) {
		next->state = VCPU_RUNNING;
		next->stats.dispatched++;
		next->stats.dispatched_at = now;
		next->partition->rr_cursor = next->index;
		/* the same vcpu again: its registers, stack and address space are loaded already */
		if (next != current)
			arch_switch_to(&next->arch, &next->partition->aspace);
	} else {
		arch_switch_to(NULL, NULL);
	}
	current = next;
}

void dispatch_schedule(bool rotate)
{
	tick32_t now = arch_clock_now32();

	for (;;) {
		struct partition *p;
		struct vcpu *next = NULL;
		tick32_t deadline;
		bool shared = false;

		if (!tick32_before(now, dispatch_slot.end)) {
			trace_slot(TRACE_WINDOW_END, &dispatch_plan, &dispatch_slot);
			/* usually the very next slot; after a long stall, the one holding `now` */
			bool new_frame = sched_slot_next(&dispatch_plan, &dispatch_slot);

			if (!tick32_before(now, dispatch_slot.end)) {
				sched_slot_at(&dispatch_plan, arch_clock_now(), &dispatch_slot);
				new_frame = true;
			}
			deadline = dispatch_slot.end;
			p = enter_slot(now, new_frame);
			rotate = true;
		} else {
			deadline = dispatch_slot.end;
			p = slot_owner;
		}
		if (p) {
			if (p->reloading)
				now = reload(p, deadline);
			if (!tick32_before(now, p->next_event))
				p->next_event = expire_events(p, now);
			if (tick32_before(p->next_event, deadline))
				deadline = p->next_event;
			next = sched_pick(p, current, rotate, &shared);
			/* the running vcpu's quantum ran out: the next of its priority takes over */
			if (shared && next == current && !rotate &&
			    !tick32_before(now, current->stats.dispatched_at + p->quantum)) {
				rotate = true;
				next = sched_pick(p, current, rotate, &shared);
			}
		}
		if (next != current || (rotate && next))
			switch_to(next, now);
		window_deadline = deadline;
		if (next && shared && tick32_before(next->stats.dispatched_at + p->quantum, deadline))
			deadline = next->stats.dispatched_at + p->quantum;
		last_now = now;
		/* idle time is when the trace streams and waiting console lines print; the timer
		 * is then set against the clock after them */
		if (!next) {
			deferred_output_idle(deadline);
			now = arch_clock_now32();
		}
		if (arch_timer_set(deadline, now))
			return;
		now = arch_clock_now32();
		rotate = false;
	}
}

/*
 * A yield needs only the choice inside the window. A window end or an event that has come has
 * its timer interrupt pending already, taken as soon as the next vcpu runs; so the slot and the
 * timers are left alone, unless a change asks for them to be looked at again (next_event set to
 * the last decision's time by dispatch_events_changed).
 */
inline __attribute__((always_inline)) void dispatch_yield(void)
{
	struct partition *p = current->partition;
	struct vcpu *next;
	tick32_t now, deadline;
	bool shared;

	/* a change since the last decision left next_event at its time */
	if (p->next_event == last_now) {
		dispatch_schedule(true);
		return;
	}
	next = sched_pick(p, current, true, &shared);
	/* the caller itself can run: there is always a choice */
	if (!next)
		__builtin_unreachable();
	now = arch_clock_now32();
	switch_to(next, now);
	last_now = now;
	deadline = window_deadline;
	if (shared && tick32_before(now + p->quantum, deadline))
		deadline = now + p->quantum;
	if (deadline == arch_timer_deadline())
		return;
	if (!arch_timer_set(deadline, now))
		dispatch_schedule(false);
}

void dispatch_start(uint32_t frames)
{
	uint32_t n = deployment_window_count(&deployment);
	uint64_t now;

	run_frames = frames;
	dispatch_plan.major = arch_clock_ns_to_ticks(deployment.major_frame_ns);
	/* the validator bounds the frame in ns; a clock much faster than 100 MHz could exceed this */
	if (dispatch_plan.major > TICK32_HORIZON)
		panic("the major frame is %llu clock ticks; the dispatcher's limit is %u",
		      dispatch_plan.major, TICK32_HORIZON);
	dispatch_plan.count = n;
	for (uint32_t i = 0; i < n; i++) {
		const struct window_config *w = &deployment.windows[i];

		dispatch_plan.windows[i].partition =
			(uint32_t)deployment_find_partition(&deployment, w->partition);
		dispatch_plan.windows[i].offset = arch_clock_ns_to_ticks(w->offset_ns);
		dispatch_plan.windows[i].duration = arch_clock_ns_to_ticks(w->duration_ns);
	}
	check_reload_fits(n);
	sched_plan_prepare(&dispatch_plan);
	for (uint32_t k = 0; k < dispatch_plan.stretch_count; k++) {
		struct sched_stretch *st = &dispatch_plan.stretches[k];

		st->owner = st->window == SCHED_IDLE ? NULL :
			    &partitions[dispatch_plan.windows[st->window].partition];
	}
	print_windows();
	/*
	 * Frame 0 starts a short fixed lead from now, so that printing the epoch and sending the
	 * trace's header cannot make its first window late; until then the CPU idles in a gap that
	 * leads to window 0 (on a slow console, the first decision catches up with the plan).
	 */
	now = arch_clock_now();
	dispatch_plan.epoch = now + arch_clock_ns_to_ticks(SCHEDULE_LEAD_NS);
	dispatch_slot.frame = 0;
	dispatch_slot.frame_start = dispatch_plan.epoch;
	dispatch_slot.stretch = UINT32_MAX;
	dispatch_slot.end = (tick32_t)dispatch_plan.epoch;
	last_now = (tick32_t)now;
	for (uint32_t i = 0; i < partition_count; i++)
		dispatch_events_changed(&partitions[i]);
	kprintf("bulkhead: schedule: epoch %llu ns, major frame %llu ns, %u window%s\n",
		arch_clock_ticks_to_ns(dispatch_plan.epoch), arch_clock_ticks_to_ns(dispatch_plan.major),
		dispatch_plan.count, plural(dispatch_plan.count));
	trace_start(&dispatch_plan);
	arch_timer_start(now);
	dispatch_schedule(true);
}

void core_timer_event(void)
{
	dispatch_schedule(false);
	vint_exit_check(current);
}

void core_yield(void)
{
	HYPERCALL_RESULT(current->arch.regs) = 0;
	dispatch_yield();
	vint_exit_check(current);
}

void vcpu_block(struct vcpu *v, uint64_t timeout)
{
	vcpu_set_state(v, VCPU_BLOCKED);
	v->wait.timeout.armed = false;
	if (timeout) {
		tick32_deadline_arm(&v->wait.timeout, arch_clock_now32(), timeout);
		dispatch_events_changed(v->partition);
	}
	trace_vcpu(TRACE_BLOCK, v, v->wait.port);
	if (v == current)
		dispatch_schedule(false);
}

void vcpu_wake(struct vcpu *v, int32_t result)
{
	if (v->state != VCPU_BLOCKED)
		return;
	trace_vcpu(TRACE_WAKE, v, (uint32_t)result);
	HYPERCALL_RESULT(v->arch.regs) = (uint32_t)result;
	if (v->wait.timeout.armed)
		dispatch_events_changed(v->partition);
	v->wait.timeout.armed = false;
	v->wait.port = 0;
	vcpu_set_state(v, VCPU_RUNNABLE);
	/* a sibling woken inside the window may preempt by priority at the next decision */
	if (current && current->partition == v->partition && v->priority > current->priority)
		dispatch_schedule(false);
}

void vcpu_stop(struct vcpu *v, enum vcpu_state state)
{
	trace_vcpu(TRACE_STOP, v, state);
	vcpu_set_state(v, state);
	if (v->wait.timeout.armed)
		dispatch_events_changed(v->partition);
	v->wait.timeout.armed = false;
	v->wait.port = 0;
	if (v == current)
		dispatch_schedule(false);
}
