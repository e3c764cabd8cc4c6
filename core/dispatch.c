/* The dispatcher: the cyclic plan in motion. See include/core/dispatch.h. */
#include <core/dispatch.h>
#include <core/platform.h>
#include <core/exit.h>
#include <core/debug_info.h>
#include <core/partition.h>
#include <core/deployment.h>
#include <core/vint.h>
#include <core/console.h>
#include <core/report.h>
#include <core/trace.h>
#include <core/deferred_output.h>
#include <core/panic.h>
#include <public/vint.h>
#include <lib/container_of.h>
#include <core/schedule.h>
#include <lib/plural.h>
#include <lib/format.h>

struct cpu cpus[CONFIG_MAX_CPUS];
/* every schedule of the deployment, by CPU and id: CPU k's share of schedule s, its windows */
struct sched_plan dispatch_plans[CONFIG_MAX_CPUS][CONFIG_MAX_SCHEDULES];
uint32_t dispatch_plan_count;
uint32_t dispatch_cpu_count;
/* the scheduler's state of each partition on each CPU, by id (each partition's `sched` points
 * at its row) */
static struct sched_partition sched_state[CONFIG_MAX_PARTITIONS][CONFIG_MAX_CPUS];
static uint32_t run_frames;

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

int dispatch_add_partition(struct partition *p)
{
	uint64_t quantum = platform_clock_ns_to_ticks(p->config->quantum_ns);
	uint32_t priorities[CONFIG_MAX_VCPUS_PER_PARTITION];

	/* the validator bounds it in ns; a clock much faster than 100 MHz could exceed this */
	if (!deadline_span_fits(quantum)) {
		kprintf("bulkhead: partition '%s': a quantum of %llu clock ticks; the dispatcher's limit "
			"is %u\n", p->name, quantum, DEADLINE_HORIZON);
		return -1;
	}
	p->sched = sched_state[p->id];
	for (uint32_t i = 0; i < p->vcpu_count; i++)
		priorities[i] = p->vcpus[i]->priority;
	/* on each CPU, the priority classes of the vcpus bound to it, in the same order */
	for (uint32_t k = 0; k < CONFIG_MAX_CPUS; k++) {
		struct sched_partition all, *s = &p->sched[k];
		uint32_t here = 0;

		for (uint32_t i = 0; i < p->vcpu_count; i++)
			if (p->vcpus[i]->cpu == k)
				here |= 1u << i;
		sched_prepare_priorities(&all, priorities, p->vcpu_count);
		*s = (struct sched_partition){ .quantum = (uint32_t)quantum };
		for (uint32_t c = 0; c < all.priority_class_count; c++)
			if (all.priority_classes[c] & here)
				s->priority_classes[s->priority_class_count++] = all.priority_classes[c] & here;
	}
	return 0;
}

/* --- vcpu state: each change only marks that a decision is needed --- */

/* v's CPU, if its plan has v's partition in its window now (the caller runs on that CPU). */
static struct cpu *cpu_holding(const struct vcpu *v)
{
	struct cpu *c = &cpus[v->cpu];

	return v->partition == c->slot_owner ? c : NULL;
}

void vcpu_set_state(struct vcpu *v, enum vcpu_state state)
{
	struct sched_partition *s = &v->partition->sched[v->cpu];
	uint32_t bit = 1u << v->index;
	struct cpu *c = cpu_holding(v);

	v->state = state;
	if (state == VCPU_RUNNABLE || state == VCPU_RUNNING)
		s->runnable |= bit;
	else
		s->runnable &= ~bit;
	if (c)
		c->decision_needed = true;
}

void dispatch_deadline_armed(struct vcpu *v, struct deadline *d)
{
	struct cpu *c = cpu_holding(v);

	/* otherwise queued when the partition's next window starts (enter_window) */
	if (c) {
		deadline_queue_add(&c->deadlines, d);
		c->decision_needed = true;
	}
}

void dispatch_deadline_cancel(struct vcpu *v, struct deadline *d)
{
	struct cpu *c = cpu_holding(v);

	if (c && d->queued) {
		deadline_cancel(&c->deadlines, d);
		/* so that the timer is not left set for a deadline that is gone */
		c->decision_needed = true;
	}
	d->armed = false;
}

static void end_wait(struct vcpu *v)
{
	if (v->wait.timeout.armed)
		dispatch_deadline_cancel(v, &v->wait.timeout);
	v->wait.port = 0;
}

void vcpu_block(struct vcpu *v, uint64_t timeout)
{
	vcpu_set_state(v, VCPU_BLOCKED);
	if (timeout) {
		deadline_arm(&v->wait.timeout, platform_clock_now32(), timeout);
		dispatch_deadline_armed(v, &v->wait.timeout);
	}
	trace_vcpu(TRACE_BLOCK, v, v->wait.port);
}

void vcpu_wake(struct vcpu *v, int32_t result)
{
	if (v->state != VCPU_BLOCKED)
		return;
	trace_vcpu(TRACE_WAKE, v, (uint32_t)result);
	arch_vcpu_set_result(&v->arch, result);
	end_wait(v);
	vcpu_set_state(v, VCPU_RUNNABLE);
}

void vcpu_stop(struct vcpu *v, enum vcpu_state state)
{
	trace_vcpu(TRACE_STOP, v, state);
	end_wait(v);
	vcpu_set_state(v, state);
}

void vcpu_wait_timed_out(struct deadline *d, tick32_t now)
{
	(void)now;
	vcpu_wake(container_of(d, struct vcpu, wait.timeout), BH_ETIMEDOUT);
}

/* --- the plan --- */

/* The deadlines of p's vcpus belong to the CPU's queue while p's window lasts. */
static void enter_window(struct cpu *c, struct partition *p, tick32_t now)
{
	/* counted once a window, on the partition's first CPU (in windows on several at once, the
	 * others' starts are the same window's) */
	if (c->index == p->vcpus[0]->cpu)
		p->stats.windows_entered++;
	c->slot_sched->window_start = now;
	deferred_output_window_start(p);
	for (struct vcpu *v = p->vcpu_list; v; v = v->next_in_list) {
		if (v->cpu != c->index)
			continue;
		if (v->timer.expiry.armed)
			deadline_queue_add(&c->deadlines, &v->timer.expiry);
		if (v->wait.timeout.armed)
			deadline_queue_add(&c->deadlines, &v->wait.timeout);
		/* down and halted vcpus too: starting one clears its lines (vint_reset), and a line
		 * pending on one that cannot run wakes nothing */
		vint_window_start(v);
	}
}

static void leave_window(struct cpu *c, struct partition *p)
{
	for (struct vcpu *v = p->vcpu_list; v; v = v->next_in_list) {
		if (v->cpu != c->index)
			continue;
		deadline_queue_remove(&c->deadlines, &v->timer.expiry);
		deadline_queue_remove(&c->deadlines, &v->wait.timeout);
	}
}

/* A frame has ended with another schedule requested: the new one's first frame starts at that
 * boundary (so stays on the grid), and every partition learns of it. Out of line: a switch is
 * rare, the boundary's test is all the common path pays. */
static __attribute__((noinline)) void switch_plan(struct cpu *c)
{
	c->plan = c->next_plan;
	sched_plan_switch(c->plan, &c->slot);
	schedule_switched(c, dispatch_plan_id(c), c->slot.frame, c->slot.frame_start);
}

/* A window began `late` clock ticks after its planned start. */
static void note_window_start(struct cpu *c, uint32_t late)
{
	c->windows++;
	if (late > c->worst_late && late < DEADLINE_HORIZON)
		c->worst_late = late;
}

/* The slot's end has come: the next slot (after a long stall, the one holding `now`). */
static void slot_ended(struct deadline *d, tick32_t now)
{
	struct cpu *c = container_of(d, struct cpu, slot_end);
	/* where the next slot begins: where this one ended, unless a stall skipped slots */
	tick32_t planned = d->at;
	bool new_frame;

	trace_slot(TRACE_WINDOW_END, c->plan, &c->slot);
	if (c->slot_owner)
		leave_window(c, c->slot_owner);
	deadline_cancel(&c->deadlines, &c->quantum_end);
	new_frame = sched_slot_next(c->plan, &c->slot);
	/* only at a frame's end, never in its middle; every CPU at the same one */
	if (new_frame)
		schedule_due(c);
	if (new_frame && c->next_plan != c->plan)
		switch_plan(c);
	if (!tick32_before(now, c->slot.end)) {
		uint64_t at = platform_clock_now();

		/* a stall: a switch still asked for is made at the first frame's end it passed */
		if (at >= c->slot.frame_start + c->plan->major) {
			sched_frame_next(c->plan, &c->slot);
			schedule_due(c);
			if (c->next_plan != c->plan)
				switch_plan(c);
		}
		sched_slot_at(c->plan, at, &c->slot);
		planned = (tick32_t)c->slot.frame_start + c->plan->stretches[c->slot.stretch].start;
		new_frame = true;
	}
	/* the boot CPU ends the run (the others keep their plans until it stops them) */
	if (new_frame && run_frames && c->slot.frame >= run_frames && c->index == 0)
		report_and_shutdown();
	trace_slot(TRACE_WINDOW_START, c->plan, &c->slot);
	c->slot_owner = c->plan->stretches[c->slot.stretch].owner;
	c->slot_sched = c->slot_owner ? &c->slot_owner->sched[c->index] : NULL;
	if (c->slot_owner)
		note_window_start(c, now - planned);
	deadline_arm_at(d, c->slot.end);
	deadline_queue_add(&c->deadlines, d);
	/* the window's vcpus take turns from where the last window left them */
	c->rotate = true;
	if (c->slot_owner)
		enter_window(c, c->slot_owner, now);
}

static void quantum_ended(struct deadline *d, tick32_t now)
{
	(void)now;
	container_of(d, struct cpu, quantum_end)->rotate = true;
}

/*
 * Times a page step at its worst, and refuses a deployment with a window in which a reload could
 * make no progress on this CPU (the validator knows windows, not the CPU's pace).
 */
static void check_reload_fits(void)
{
	uint32_t entry = (uint32_t)platform_clock_ns_to_ticks(RELOAD_ENTRY_NS), shortest = UINT32_MAX;
	uint32_t at = 0, in = 0, cpu_of = 0;
	char prefix[24] = "";

	reload_rest = (uint32_t)platform_clock_ns_to_ticks(RELOAD_REST_NS);
	/* every schedule's windows: a partition loads in whichever is in force. A partition stopped
	 * at boot (no image) never loads: its windows may be as short as any */
	for (uint32_t k = 0; k < dispatch_cpu_count; k++)
		for (uint32_t s = 0; s < dispatch_plan_count; s++)
			for (uint32_t i = 0; i < dispatch_plans[k][s].count; i++) {
				const struct sched_window *w = &dispatch_plans[k][s].windows[i];
				const struct partition *p = &partitions[w->partition];

				/* a partition reloads on its first CPU (partition_home_cpu) */
				if (!p->life.stopped_for_good && partition_home_cpu(p) == k &&
				    w->duration < shortest) {
					shortest = (uint32_t)w->duration;
					at = i;
					in = s;
					cpu_of = k;
				}
			}
	reload_page = UINT32_MAX;
	for (uint32_t k = 0; k < RELOAD_TIMINGS; k++) {
		uint64_t start = platform_clock_now(), took;

		if (!partition_reload_worst_step())
			return;
		took = platform_clock_now() - start;
		if (took < reload_page)
			reload_page = (uint32_t)took;
		if ((uint64_t)entry + reload_page + reload_rest <= shortest) {
			reload_page_cap = shortest - entry - reload_rest;
			return;
		}
	}
	if (deployment.schedules[0].name)
		format_string(prefix, sizeof(prefix), "schedules[%u].", in);
	kprintf("bulkhead: deployment '%s' refused: %swindows[%u].duration_ns: %llu ns; a page of a "
		"load takes %llu ns on this CPU, so partition '%s' could never load in it: its windows "
		"need at least %llu ns here\n", deployment.name, prefix,
		dispatch_plans[cpu_of][in].windows[at].config_index,
		platform_clock_ticks_to_ns(shortest), platform_clock_ticks_to_ns(reload_page),
		partitions[dispatch_plans[cpu_of][in].windows[at].partition].name,
		platform_clock_ticks_to_ns((uint64_t)entry + reload_page + reload_rest));
	kprintf("bulkhead: no partition started; shutting down\n");
	platform_shutdown();
}

/* Tests and tools compute every planned window start from these lines (the epoch comes last).
 * "plan window I" is windows[I] of the schedule in force at boot; "window N" of a partition, in
 * its own lines and the docs, is the N-th window it entered (bh_partition_status's
 * windows_entered). With several schedules, each is listed too ("schedule S window I"), and each
 * switch has its line (core/schedule.c): the plan in force is known frame by frame. */
static void print_windows(uint32_t id, const char *what)
{
	struct schedule_view s;

	deployment_schedule(&deployment, id, &s);
	for (uint32_t i = 0; i < s.window_count; i++) {
		const struct window_config *w = &s.windows[i];
		uint32_t p = (uint32_t)deployment_find_partition(&deployment, w->partition);
		char on[16] = "";

		/* with several CPUs, each window's: tools read it off the line's end */
		if (dispatch_cpu_count > 1)
			format_string(on, sizeof(on), " cpu %u", w->cpu);
		kprintf("bulkhead: %s window %u: partition %u '%s' offset %llu ns duration %llu ns%s\n",
			what, i, p, partitions[p].name,
			platform_clock_ticks_to_ns(platform_clock_ns_to_ticks(w->offset_ns)),
			platform_clock_ticks_to_ns(platform_clock_ns_to_ticks(w->duration_ns)), on);
	}
}

/* With several CPUs, where each vcpu runs: "partition 1 'control': vcpu 0 on cpu 0, vcpu 1 on
 * cpu 1" (a partition's window N, in its own lines, is its N-th on its vcpu 0's CPU). */
static void print_vcpu_cpus(void)
{
	for (uint32_t i = 0; i < partition_count; i++) {
		const struct partition *p = &partitions[i];
		char line[160];
		uint32_t n = format_string(line, sizeof(line), "bulkhead: partition %u '%s':", p->id,
					   p->name);

		for (uint32_t k = 0; k < p->vcpu_count && n < sizeof(line); k++)
			n += format_string(line + n, sizeof(line) - n, "%s vcpu %u on cpu %u",
					   k ? "," : "", k, p->vcpus[k]->cpu);
		kprintf("%s\n", line);
	}
}

/* Schedule `id` of the deployment in clock ticks, prepared: CPU `cpu`'s windows of it. */
static void prepare_plan(uint32_t cpu, uint32_t id)
{
	struct sched_plan *plan = &dispatch_plans[cpu][id];
	struct schedule_view s;

	deployment_schedule(&deployment, id, &s);
	plan->major = platform_clock_ns_to_ticks(s.major_frame_ns);
	/* the validator bounds the frame in ns; a clock much faster than 100 MHz could exceed this */
	if (!deadline_span_fits(plan->major))
		panic("schedule '%s': the major frame is %llu clock ticks; the dispatcher's limit is %u",
		      s.name, plan->major, DEADLINE_HORIZON);
	plan->count = 0;
	for (uint32_t i = 0; i < s.window_count; i++) {
		const struct window_config *w = &s.windows[i];
		struct sched_window *to = &plan->windows[plan->count];

		if (w->cpu != cpu)
			continue;
		to->partition = (uint32_t)deployment_find_partition(&deployment, w->partition);
		to->config_index = i;
		to->offset = platform_clock_ns_to_ticks(w->offset_ns);
		to->duration = platform_clock_ns_to_ticks(w->duration_ns);
		plan->count++;
	}
	sched_plan_prepare(plan);
	for (uint32_t k = 0; k < plan->stretch_count; k++) {
		struct sched_stretch *st = &plan->stretches[k];

		st->owner = st->window == SCHED_IDLE ? NULL :
			    &partitions[plan->windows[st->window].partition];
	}
}

/* Page steps of p's reload while each fits in the window ending at `end`; returns the clock.
 * Out of line: every decision passes by, few call it. */
static __attribute__((noinline)) tick32_t reload(struct partition *p, tick32_t end)
{
	tick32_t now = platform_clock_now32(), last = end - reload_rest;

	while (!tick32_before(last, now + reload_page)) {
		bool done = partition_reload_step(p);
		tick32_t after = platform_clock_now32();

		/* a page at a time, and a pause after each: an emulator that runs one CPU at a time
		 * (QEMU's TCG) lets the others take their turns, a hyperthread its sibling's share */
		arch_cpu_relax();

		if (done)
			return after;
		if (after - now > reload_page)
			reload_page = after - now < reload_page_cap ? after - now : reload_page_cap;
		now = after;
	}
	return now;
}

/* Gives the CPU to next (NULL: idle); next == current re-dispatches it with a fresh quantum. */
static void switch_to(struct cpu *c, struct vcpu *next, tick32_t now)
{
	struct vcpu *prev = c->current;

	trace_switch(prev, next);
	/* RUNNABLE and RUNNING are both in the runnable bitmap: these two writes leave it as is */
	if (prev) {
		prev->stats.consumed += now - prev->stats.dispatched_at;
		if (prev->state == VCPU_RUNNING)
			prev->state = VCPU_RUNNABLE;
	}
	if (next) {
		next->state = VCPU_RUNNING;
		next->stats.dispatched++;
		next->stats.dispatched_at = now;
		/* next is the slot owner's (the decision picks among its vcpus on this CPU) */
		c->slot_sched->rr_cursor = next->index;
		/* the same vcpu again: its registers, stack and address space are loaded already */
		if (next != prev)
			arch_switch_to(&next->arch, &next->partition->mem.aspace);
	} else {
		arch_switch_to(NULL, NULL);
	}
	c->current = next;
}

/* A vcpu that shares its priority with another runnable one runs for a quantum at a time. */
static void set_quantum(struct cpu *c, const struct vcpu *next, bool shared)
{
	struct deadline *q = &c->quantum_end;

	if (next && shared)
		deadline_queue_move(&c->deadlines, q,
				    next->stats.dispatched_at + c->slot_sched->quantum);
	else
		deadline_cancel(&c->deadlines, q);
}

/*
 * A decision whose next deadline has passed by the time the timer is set decides again; after
 * PASSES_BEFORE_WAITING such passes the timer is set a little ahead of the clock instead (doubling
 * each time), so that a clock that outruns the CPU cannot keep it deciding for ever: an emulator
 * that gives the other CPUs their turns meanwhile (QEMU's TCG runs one at a time, and a periodic
 * virtual timer of 10 us then always came due again before the timer was set), an SMI. The
 * deadlines that came meanwhile are taken at that interrupt.
 */
#define PASSES_BEFORE_WAITING 2
#define WAIT_AHEAD_NS 1000

void dispatch_decide(struct cpu *c)
{
	tick32_t now = platform_clock_now32();
	uint32_t passes = 0, ahead = 0;

	for (;;) {
		struct partition *p;
		struct vcpu *next = NULL;
		bool shared = false;
		tick32_t at;

		deadline_queue_expire(&c->deadlines, now);
		p = c->slot_owner;
		c->decided_at = now;
		if (p) {
			struct vcpu *running = c->current;
			/* two copies of the pick, each with its `rotate` known: a rotating one (a
			 * yield, a window's start) asks nothing of the running vcpu; without a rotate
			 * the running vcpu, if any, is p's (a new slot always rotates) */
			const struct sched_partition *s = c->slot_sched;
			int32_t i = c->rotate ? sched_pick(s, SCHED_NONE, true, &shared) :
				    sched_pick(s, running ? (int32_t)running->index : SCHED_NONE,
					       false, &shared);

			if (i != SCHED_NONE)
				next = p->vcpus[i];
		}
		if (next != c->current || (c->rotate && next))
			switch_to(c, next, now);
		/* every change this decision sees is in (the pick and the switch mark nothing): the
		 * marks are answered, both in one store */
		c->decision_needed = false;
		c->rotate = false;
		set_quantum(c, next, shared);
		at = deadline_queue_next(&c->deadlines, now);
		if (!next) {
			/* the CPU idles for the window's partition: a load it needs takes that time
			 * (charged to no vcpu: none runs), else waiting output does */
			if (p && p->life.reloading && partition_reload_here(p, c->index)) {
				now = reload(p, at);
				/* loaded: vcpu 0 starts (vcpu_set_state asked for a decision) */
				if (c->decision_needed)
					continue;
			} else {
				deferred_output_idle(at);
			}
		}
		/* set for this deadline and not fired yet: its interrupt comes (or is pending) */
		if (c->timer_set && at == c->timer_at)
			return;
		/* the clock after the decision's work (a window's entry, a load): the timer checks a
		 * deadline close to it against the counter itself */
		now = platform_clock_now32();
		if (passes >= PASSES_BEFORE_WAITING) {
			ahead = ahead ? 2 * ahead : (uint32_t)platform_clock_ns_to_ticks(WAIT_AHEAD_NS);
			at = now + ahead;
		}
		c->timer_at = at;
		c->timer_set = platform_timer_set(at, now);
		if (c->timer_set)
			return;
		/* it has passed (no interrupt comes for it): decide again, on a clock past it */
		now = platform_clock_now32();
		passes++;
	}
}

int32_t hc_yield(struct vcpu *v)
{
	(void)v;
	cpu_ask_decision(this_cpu(), true);
	return 0;
}

void core_timer_event(void)
{
	struct cpu *c = this_cpu();

	c->timer_set = false;
	c->decision_needed = true;
	exit_step();
}

/* The CPU that answers for p's windows to the calling CPU: this one if p runs here, else p's
 * first (another CPU's slot, read as it stands). */
static const struct cpu *cpu_of_windows(const struct partition *p)
{
	const struct cpu *c = this_cpu();

	return p->sched[c->index].priority_class_count ? c : &cpus[partition_home_cpu(p)];
}

uint64_t dispatch_window_start(const struct partition *p)
{
	const struct cpu *c = cpu_of_windows(p);

	/* less than a major frame from the current frame's start */
	return tick32_extend(c->slot.frame_start, p->sched[c->index].window_start);
}

uint64_t dispatch_window_end(const struct partition *p)
{
	const struct cpu *c = cpu_of_windows(p);

	return p == c->slot_owner ? tick32_extend(c->slot.frame_start, c->slot.end) : 0;
}

/* CPU c's plan from the boot CPU's (dispatch_start), before c takes its first decision. */
static void prepare_cpu(struct cpu *c, struct sched_plan *first, uint64_t epoch)
{
	struct sched_plan *plan = &dispatch_plans[c->index][first - dispatch_plans[0]];

	plan->epoch = epoch;
	plan->first_frame = 0;
	c->plan = c->next_plan = plan;
	c->slot.frame = 0;
	c->slot.frame_start = epoch;
	c->slot.stretch = UINT32_MAX;
	c->slot.end = (tick32_t)epoch;
	deadline_init(&c->slot_end, slot_ended);
	deadline_init(&c->quantum_end, quantum_ended);
	deadline_arm_at(&c->slot_end, c->slot.end);
	deadline_queue_add(&c->deadlines, &c->slot_end);
	/* the first decision is the exit step's: the boot CPU's on the way out of kernel_main,
	 * another's when it takes its start (cpu_mail_start) */
	cpu_ask_decision(c, true);
}

void dispatch_cpu_start(struct cpu *c)
{
	platform_timer_start_cpu();
	c->online = true;
}

void dispatch_start(uint32_t frames)
{
	struct cpu *c = this_cpu();
	struct sched_plan *plan;
	uint32_t initial = (uint32_t)deployment_initial_schedule(&deployment);
	struct schedule_view first;
	uint64_t now, epoch;

	run_frames = frames;
	dispatch_plan_count = deployment_schedule_count(&deployment);
	dispatch_cpu_count = deployment.cpus ? deployment.cpus : 1;
	for (uint32_t k = 0; k < dispatch_cpu_count; k++)
		for (uint32_t id = 0; id < dispatch_plan_count; id++)
			prepare_plan(k, id);
	check_reload_fits();
	plan = &dispatch_plans[0][initial];
	schedule_start(initial);
	deployment_schedule(&deployment, initial, &first);
	print_windows(initial, "plan");
	if (dispatch_plan_count > 1)
		for (uint32_t id = 0; id < dispatch_plan_count; id++) {
			struct schedule_view s;
			char what[24];

			deployment_schedule(&deployment, id, &s);
			kprintf("bulkhead: schedule %u '%s': major frame %llu ns, %u window%s%s\n", id,
				s.name, platform_clock_ticks_to_ns(dispatch_plans[0][id].major), s.window_count,
				plural(s.window_count), id == initial ? " (initial)" : "");
			format_string(what, sizeof(what), "schedule %u", id);
			print_windows(id, what);
		}
	if (dispatch_cpu_count > 1)
		print_vcpu_cpus();
	/*
	 * Frame 0 starts a short fixed lead from now, so that printing the epoch and sending the
	 * trace's header cannot make its first window late; until then each CPU idles in a gap that
	 * leads to its window 0 (on a slow console, the first decision catches up with the plan).
	 * One epoch for every CPU: frame n starts at epoch + n major frames on each.
	 */
	now = platform_clock_now();
	epoch = now + platform_clock_ns_to_ticks(SCHEDULE_LEAD_NS);
	for (uint32_t k = 0; k < dispatch_cpu_count; k++)
		prepare_cpu(&cpus[k], plan, epoch);
	kprintf("bulkhead: schedule: epoch %llu ns, major frame %llu ns, %u window%s\n",
		platform_clock_ticks_to_ns(epoch), platform_clock_ticks_to_ns(plan->major),
		first.window_count, plural(first.window_count));
	trace_start(plan);
	platform_timer_start(now);
	c->online = true;
	for (uint32_t k = 1; k < dispatch_cpu_count; k++)
		cpu_mail_start(k);
}
