/*
 * The dispatcher's engine on the host: the real core/dispatch.c, deadline.c, sched.c, vint.c and
 * exit.c on the fake platform (tests/unit/fake_platform.h), whose clock moves only when a test
 * moves it, so every switch and every timer interrupt lands on an exact tick. A test plays the
 * arch: it takes each timer interrupt when the clock reaches the deadline set (core_timer_event,
 * then the exit step core_exit), and makes the running vcpu's hypercalls (the handler, then
 * core_exit). After every exit, check() holds the engine to its rules: the timer set for the
 * earliest queued deadline, only the window's partition's deadlines queued, the CPU given to that
 * partition's vcpu or idle.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <core/cpu.h>
#include <core/dispatch.h>
#include <core/deployment.h>
#include <core/health.h>
#include <core/partition.h>
#include <core/report.h>
#include <core/trace.h>
#include <core/schedule.h>
#include <core/vint.h>
#include <core/guest_time.h>
#include <lib/container_of.h>
#include "fake_platform.h"

/* --- the deployment: ticks at 100 MHz in the comments --- */

#define QUANTUM 7000                  /* 70 us */
#define MAJOR 100000                  /* 1 ms */

const struct deployment deployment = {
	.name = "engine",
	.partitions = {
		{ .name = "pair", .vcpu_count = 2, .priority = { 1, 1 }, .quantum_ns = US(70) },
		{ .name = "prio", .vcpu_count = 2, .priority = { 1, 5 }, .quantum_ns = US(70) },
		{ .name = "sleeper", .vcpu_count = 1, .quantum_ns = US(70) },
	},
	.major_frame_ns = US(1000),
	/* pair [0, 30000), a gap, prio [40000, 70000), sleeper [70000, 90000), a gap */
	.windows = {
		{ "pair", 0, US(300) },
		{ "prio", US(400), US(300) },
		{ "sleeper", US(700), US(200) },
	},
};

/* Where each stretch of a frame (a window or a gap) starts: a quiet frame's timer interrupts. */
static const uint64_t boundaries[] = { 0, 30000, 40000, 70000, 90000 };

/* 150,000 ticks before the clock's low half wraps, in its fifth round: frame 1 crosses it. */
#define START ((5ull << 32) - 150000)
#define LEAD 2000                     /* the dispatcher's 20 us before frame 0 */
#define E (START + LEAD)              /* the epoch */

struct partition partitions[CONFIG_MAX_PARTITIONS];
uint32_t partition_count;

static struct vcpu vcpus[5];
static struct partition *pair, *prio, *sleeper;
static struct vcpu *pair0, *pair1, *low, *high, *lone;

/* --- what the engine calls beyond the fake platform --- */

uint32_t trace_classes_on;            /* 0: no trace hook records */
uint32_t health_lines_waiting;

int kprintf(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	return n;
}

void panic(const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	fail_msg("panic: %s", why);
	abort();
}

static jmp_buf shutdown_jump;
static bool shutdown_expected;

void report_and_shutdown(void)
{
	if (!shutdown_expected)
		fail_msg("report_and_shutdown at %llu", (unsigned long long)fake.clock);
	longjmp(shutdown_jump, 1);
}

void trace_start(const struct sched_plan *plan)
{
	assert_ptr_equal(plan, &dispatch_plans[0][0]);
}

/* one schedule here, but a test may give the dispatcher a second plan and ask for it */
static struct {
	bool expected;
	uint32_t count, id;
	uint64_t frame, at;
} switched;

void schedule_switched(struct cpu *c, uint32_t id, uint64_t frame, uint64_t at)
{
	assert_ptr_equal(c, &cpus[0]);
	if (!switched.expected)
		fail_msg("schedule_switched with one schedule");
	switched.count++;
	switched.id = id;
	switched.frame = frame;
	switched.at = at;
}

void trace_record(enum trace_event type, uint32_t partition, uint32_t vcpu, uint32_t arg)
{
	(void)type, (void)partition, (void)vcpu, (void)arg;
	fail_msg("trace_record with tracing off");
}

void trace_vcpu_record(enum trace_event type, const struct vcpu *v, uint32_t arg)
{
	(void)type, (void)v, (void)arg;
	fail_msg("trace_vcpu_record with tracing off");
}

void trace_slot_record(enum trace_event type, const struct sched_plan *plan,
		       const struct sched_slot *slot)
{
	(void)type, (void)plan, (void)slot;
	fail_msg("trace_slot_record with tracing off");
}

void trace_switch_record(const struct vcpu *from, const struct vcpu *to)
{
	(void)from, (void)to;
	fail_msg("trace_switch_record with tracing off");
}

/* A test asks for a switch by setting the CPU's next_plan itself. */
void schedule_due(struct cpu *c)
{
	(void)c;
}

void schedule_start(uint32_t initial)
{
	assert_int_equal(initial, 0);
}

/* One CPU: the engine never posts to another. */
struct cpu *host_this_cpu(void)
{
	return &cpus[0];
}

void cpu_mail_lines(struct vcpu *v, uint32_t lines)
{
	(void)lines;
	fail_msg("vcpu %u's lines posted to CPU %u", v->id, v->cpu);
}

void cpu_mail_start(uint32_t cpu)
{
	fail_msg("CPU %u started", cpu);
}

void platform_timer_start_cpu(void)
{
	fail_msg("another CPU's timer started");
}

bool partition_reload_here(const struct partition *p, uint32_t cpu)
{
	(void)p;
	return cpu == 0;
}

/* Idle time: nothing waits to be printed in these tests. */
void deferred_output_idle(tick32_t until)
{
	(void)until;
}

/* No partition's console line is ever left on the port here. */
struct partition *deferred_output_on_port;

void deferred_output_resume_line(void)
{
	fail_msg("deferred_output_resume_line with no line on the port");
}

/* The engine takes no upcall frame from a partition here. */
int32_t copy_from_guest(const struct partition *p, void *dst, uint32_t src, uint32_t len)
{
	(void)p, (void)dst, (void)src, (void)len;
	fail_msg("copy_from_guest");
	return BH_EFAULT;
}

void health_event(struct vcpu *v, enum hm_event event, uint32_t code, uint32_t eip,
		  uint32_t address)
{
	(void)v, (void)code, (void)eip, (void)address;
	fail_msg("health event %d", event);
}

/* No partition reloads here: the dispatcher's timing at boot finds none. */
bool partition_reload_worst_step(void)
{
	return false;
}

bool partition_reload_step(struct partition *p)
{
	fail_msg("partition '%s' reloads", p->name);
	return true;
}

void guest_time_write(struct bh_vcpu_info *info)
{
	(void)info;
	fail_msg("guest_time_write with no shared page");
}

/* --- the fixture --- */

/* What partition_init and alloc_vcpu give the dispatcher: a vcpu DOWN, its deadlines ready. */
static struct vcpu *make_vcpu(struct partition *p, uint32_t index, struct vcpu *v)
{
	struct vcpu **tail;

	v->id = (uint32_t)(v - vcpus);
	v->index = index;
	v->partition = p;
	v->priority = p->config->priority[index];
	v->arch.regs = &v->arch.user_regs;
	deadline_init(&v->wait.timeout, vcpu_wait_timed_out);
	deadline_init(&v->timer.expiry, vint_timer_expired);
	for (tail = &p->vcpu_list; *tail; tail = &(*tail)->next_in_list)
		;
	*tail = v;
	p->vcpus[index] = v;
	p->vcpu_count++;
	/* as alloc_vcpu: not in the runnable bitmap, which dispatch_add_partition starts empty */
	v->state = VCPU_DOWN;
	return v;
}

static uint64_t interrupts[256];      /* when each timer interrupt came */
static uint32_t interrupt_count;

/* Each test starts from a fresh engine (called first: the harness lists plain cmocka_unit_test
 * cases only). */
static void fresh_engine(void)
{
	struct vcpu *next = vcpus;

	memset(cpus, 0, sizeof(cpus));
	memset(dispatch_plans, 0, sizeof(dispatch_plans));
	memset(partitions, 0, sizeof(partitions));
	memset(vcpus, 0, sizeof(vcpus));
	fake_reset(START);
	interrupt_count = 0;
	shutdown_expected = false;
	memset(&switched, 0, sizeof(switched));
	partition_count = 3;
	for (uint32_t i = 0; i < partition_count; i++) {
		struct partition *p = &partitions[i];

		p->id = i;
		p->config = &deployment.partitions[i];
		p->name = p->config->name;
		for (uint32_t k = 0; k < p->config->vcpu_count; k++)
			make_vcpu(p, k, next++);
		assert_int_equal(dispatch_add_partition(p), 0);
	}
	pair = &partitions[0];
	prio = &partitions[1];
	sleeper = &partitions[2];
	pair0 = pair->vcpus[0];
	pair1 = pair->vcpus[1];
	low = prio->vcpus[0];
	high = prio->vcpus[1];
	lone = sleeper->vcpus[0];
}

static struct vcpu *running(void)
{
	return fake.running ? container_of(fake.running, struct vcpu, arch) : NULL;
}

static bool in_queue(const struct deadline *d)
{
	for (const struct deadline *q = this_cpu()->deadlines.head; q; q = q->next)
		if (q == d)
			return true;
	return false;
}

/* The engine's rules, after every exit step. */
static void check(void)
{
	const struct cpu *c = this_cpu();
	tick32_t now = (tick32_t)fake.clock, earliest = 0, last = now;
	struct vcpu *r = running();

	assert_false(c->decision_needed);
	assert_non_null(c->deadlines.head);
	assert_true(c->slot_end.queued);
	for (const struct deadline *d = c->deadlines.head; d; d = d->next) {
		assert_true(d->queued);
		assert_true(d->armed);
		/* what has come was taken; the rest lies ahead, a horizon at most, in order */
		assert_true(tick32_before(now, d->at));
		assert_true(d->at - now <= DEADLINE_HORIZON);
		assert_false(tick32_before(d->at, last));
		last = d->at;
		if (d == c->deadlines.head || tick32_before(d->at, earliest))
			earliest = d->at;
	}
	/* the timer is set for the earliest queued deadline, and its interrupt will come */
	assert_true(fake.timer_armed);
	assert_int_equal(fake.timer_low, earliest);
	/* the deadlines of the window's partition are queued, no other partition's */
	for (size_t i = 0; i < sizeof(vcpus) / sizeof(vcpus[0]); i++) {
		const struct vcpu *v = &vcpus[i];
		bool own = v->partition == c->slot_owner;
		bool may_run = v->state == VCPU_RUNNABLE || v->state == VCPU_RUNNING;

		assert_int_equal(v->wait.timeout.queued, own && v->wait.timeout.armed);
		assert_int_equal(in_queue(&v->wait.timeout), v->wait.timeout.queued);
		assert_int_equal(v->timer.expiry.queued, own && v->timer.expiry.armed);
		assert_int_equal(in_queue(&v->timer.expiry), v->timer.expiry.queued);
		/* the scheduler's bitmap follows the states; only the vcpu on the CPU is RUNNING */
		assert_int_equal((v->partition->sched->runnable >> v->index) & 1, may_run);
		if (v->state == VCPU_RUNNING)
			assert_ptr_equal(v, r);
	}
	/* the CPU runs a vcpu of the window's partition, or idles when it has none to run */
	assert_ptr_equal(c->current, r);
	if (r) {
		assert_ptr_equal(r->partition, c->slot_owner);
		assert_int_equal(r->state, VCPU_RUNNING);
	} else if (c->slot_owner) {
		assert_int_equal(c->slot_owner->sched->runnable, 0);
	}
}

/* What arch/x86/trap.c does on the timer's vector. */
static void timer_interrupt(void)
{
	fake_timer_fired();
	assert_true(interrupt_count < sizeof(interrupts) / sizeof(interrupts[0]));
	interrupts[interrupt_count++] = fake.clock;
	core_timer_event();
	core_exit();
	check();
}

/* The running vcpu (or idle) goes on until `t`, taking every timer interrupt on the way. */
static void run_until(uint64_t t)
{
	while (fake.timer_armed && fake.timer_at <= t)
		timer_interrupt();
	fake.clock = t;
}

static void start(uint32_t frames)
{
	dispatch_start(frames);
	assert_true(fake.timer_started);
	assert_int_equal(dispatch_plans[0][0].epoch, E);
	/* the first decision: the exit step on the way out of kernel_main */
	core_exit();
	check();
}

/* The running vcpu enters the kernel at `t` (a hypercall): the test runs the handler's part on
 * the vcpu returned, then exit_step(). */
static struct vcpu *hypercall_at(uint64_t t)
{
	run_until(t);
	assert_non_null(running());
	return running();
}

static void exit_step(void)
{
	core_exit();
	check();
}

/* A queuing receive that waits (core/ports.c): on channel 0, for `timeout` ticks (0: forever). */
static void receive(struct vcpu *v, uint64_t timeout)
{
	v->wait.port = 1;
	vcpu_block(v, timeout);
}

/* Asserts the switches since switch `from`: n pairs (time, vcpu or NULL). */
static void assert_switches(uint32_t from, uint32_t n, const uint64_t *at, struct vcpu *const *to)
{
	for (uint32_t i = 0; i < n && from + i < fake.switch_count; i++) {
		const struct fake_switch *s = &fake.switches[from + i];
		struct vcpu *got = s->to ? container_of(s->to, struct vcpu, arch) : NULL;

		if (s->at != at[i] || got != to[i])
			fail_msg("switch %u: at E+%lld to %s; expected at E+%lld to %s", i,
				 (long long)(s->at - E), got ? got->partition->name : "idle",
				 (long long)(at[i] - E), to[i] ? to[i]->partition->name : "idle");
	}
	assert_int_equal(fake.switch_count - from, n);
}

/* The interrupts came exactly at the plan's boundaries of frames [0, frames) and at `extra`. */
static void assert_interrupts(uint32_t frames, const uint64_t *extra, uint32_t extras)
{
	uint64_t want[256];
	uint32_t n = 0, k = 0;

	for (uint32_t f = 0; f < frames; f++)
		for (size_t b = 0; b < sizeof(boundaries) / sizeof(boundaries[0]); b++) {
			uint64_t at = E + f * MAJOR + boundaries[b];

			while (k < extras && extra[k] < at)
				want[n++] = extra[k++];
			want[n++] = at;
		}
	while (k < extras)
		want[n++] = extra[k++];
	for (uint32_t i = 0; i < n && i < interrupt_count; i++)
		if (interrupts[i] != want[i])
			fail_msg("interrupt %u at E+%lld; expected at E+%lld", i,
				 (long long)(interrupts[i] - E), (long long)(want[i] - E));
	assert_int_equal(interrupt_count, n);
}

/* --- the tests --- */

/* One vcpu runnable in each partition: each window starts and ends on its tick, frame after
 * frame across the wrap of the clock's low half, with an interrupt at each boundary only. */
static void test_windows_follow_the_plan(void **state)
{
	uint64_t at[16];
	struct vcpu *to[16];
	uint32_t n = 0;

	(void)state;
	fresh_engine();
	vcpu_set_state(pair0, VCPU_RUNNABLE);
	vcpu_set_state(low, VCPU_RUNNABLE);
	vcpu_set_state(lone, VCPU_RUNNABLE);
	start(0);
	/* the lead-in idles */
	assert_null(running());
	assert_int_equal(fake.timer_at, E);
	run_until(E + 3 * MAJOR);
	for (uint64_t f = 0; f < 3; f++) {
		struct vcpu *const runs[] = { pair0, NULL, low, lone, NULL };

		for (size_t b = 0; b < 5; b++) {
			at[n] = E + f * MAJOR + boundaries[b];
			to[n++] = runs[b];
		}
	}
	at[n] = E + 3 * MAJOR;
	to[n++] = pair0;
	assert_switches(0, n, at, to);
	assert_interrupts(3, (const uint64_t[]){ E + 3 * MAJOR }, 1);
	assert_int_equal(pair->stats.windows_entered, 4);
	assert_int_equal(prio->stats.windows_entered, 3);
	assert_int_equal(sleeper->stats.windows_entered, 3);
	assert_int_equal(dispatch_window_start(pair), E + 3 * MAJOR);
	assert_int_equal(dispatch_window_end(pair), E + 3 * MAJOR + 30000);
	assert_int_equal(dispatch_window_start(sleeper), E + 2 * MAJOR + 70000);
	assert_int_equal(dispatch_window_end(sleeper), 0);
	/* each ran for exactly its windows */
	assert_int_equal(lone->stats.consumed, 3 * 20000);
	assert_int_equal(low->stats.consumed, 3 * 30000);
}

/* A yield passes the CPU between two vcpus of equal priority, at the very tick, each time. */
static void test_yield_rotates_between_equals(void **state)
{
	struct vcpu *first, *second;
	uint32_t from, dispatched;

	(void)state;
	fresh_engine();
	vcpu_set_state(pair0, VCPU_RUNNABLE);
	vcpu_set_state(pair1, VCPU_RUNNABLE);
	vcpu_set_state(lone, VCPU_RUNNABLE);
	start(0);
	run_until(E);
	first = running();
	assert_non_null(first);
	second = first == pair0 ? pair1 : pair0;
	from = fake.switch_count;
	hc_yield(hypercall_at(E + 1000));
	/* the yield only marks; the exit step decides */
	assert_ptr_equal(running(), first);
	exit_step();
	hc_yield(hypercall_at(E + 2500));
	exit_step();
	hc_yield(hypercall_at(E + 2600));
	exit_step();
	/* each turn gets a whole quantum from its own start */
	assert_int_equal(this_cpu()->quantum_end.at, (tick32_t)(E + 2600 + QUANTUM));
	run_until(E + 2600 + QUANTUM);
	assert_switches(from, 4,
			(const uint64_t[]){ E + 1000, E + 2500, E + 2600, E + 2600 + QUANTUM },
			(struct vcpu *const[]){ second, first, second, first });
	/* alone at its priority, a yield keeps the CPU: no switch, a fresh dispatch */
	run_until(E + 75000);
	assert_ptr_equal(running(), lone);
	from = fake.switch_count;
	dispatched = lone->stats.dispatched;
	hc_yield(hypercall_at(E + 75000));
	exit_step();
	assert_ptr_equal(running(), lone);
	assert_int_equal(lone->stats.dispatched, dispatched + 1);
	assert_int_equal(fake.switch_count, from);
	assert_false(this_cpu()->quantum_end.queued);
}

/* Two spinners of equal priority: each turn ends at exactly the quantum, the window's end ends
 * the last, and the next window goes on from the one after it. */
static void test_quantum_ends_a_spinners_turn(void **state)
{
	struct vcpu *first, *second;

	(void)state;
	fresh_engine();
	vcpu_set_state(pair0, VCPU_RUNNABLE);
	vcpu_set_state(pair1, VCPU_RUNNABLE);
	start(0);
	run_until(E + MAJOR + 1);
	first = fake.switches[0].to ? container_of(fake.switches[0].to, struct vcpu, arch) : NULL;
	assert_non_null(first);
	second = first == pair0 ? pair1 : pair0;
	/* turns at 0, 7000, 14000, 21000, 28000; idle from 30000; the next frame starts with the
	 * one after the last turn's */
	assert_switches(0, 7,
			(const uint64_t[]){ E, E + QUANTUM, E + 2 * QUANTUM, E + 3 * QUANTUM,
					    E + 4 * QUANTUM, E + 30000, E + MAJOR },
			(struct vcpu *const[]){ first, second, first, second, first, NULL, second });
	assert_interrupts(1, (const uint64_t[]){ E + QUANTUM, E + 2 * QUANTUM, E + 3 * QUANTUM,
						 E + 4 * QUANTUM, E + MAJOR }, 5);
	/* charged for exactly its turns */
	assert_int_equal(first->stats.consumed, 2 * QUANTUM + 2000);
	assert_int_equal(second->stats.consumed, 2 * QUANTUM);
}

/* The same with a clock that moves while the kernel reads it and interrupts that come late, as
 * on hardware: each turn still ends at its quantum (a few ticks late), never a quantum later. */
static void test_quantum_with_late_interrupts(void **state)
{
	uint64_t epoch, window_end;
	uint32_t turns = 0;

	(void)state;
	fresh_engine();
	vcpu_set_state(pair0, VCPU_RUNNABLE);
	vcpu_set_state(pair1, VCPU_RUNNABLE);
	fake.read_cost = 3;
	fake.interrupt_late = 40;
	dispatch_start(0);
	exit_step();
	epoch = dispatch_plans[0][0].epoch;
	window_end = epoch + 30000;
	run_until(epoch + MAJOR + 1000);
	for (uint32_t i = 0; i + 1 < fake.switch_count && fake.switches[i].at < window_end; i++) {
		const struct fake_switch *s = &fake.switches[i], *next = s + 1;
		uint64_t turn = next->at - s->at;

		assert_non_null(s->to);
		if (next->to) {
			assert_ptr_not_equal(next->to, s->to);
			if (turn < QUANTUM || turn > QUANTUM + 100)
				fail_msg("turn %u: %llu ticks from E+%lld; the quantum is %d", i,
					 (unsigned long long)turn, (long long)(s->at - epoch), QUANTUM);
		} else {
			/* the window's end takes the CPU from the last turn */
			assert_true(next->at >= window_end && next->at <= window_end + 100);
		}
		turns++;
	}
	assert_int_equal(turns, 5);
}

/* A wake of a higher priority (here, a message sent by the lower one) preempts at the exit step
 * of the hypercall that woke it; a wake in another partition's window only marks that vcpu
 * runnable, and it runs when its own window comes. */
static void test_higher_priority_wake_preempts(void **state)
{
	struct vcpu *v;

	(void)state;
	fresh_engine();
	vcpu_set_state(low, VCPU_RUNNABLE);
	vcpu_set_state(high, VCPU_RUNNABLE);
	start(0);
	run_until(E + 40000);
	assert_ptr_equal(running(), high);
	receive(hypercall_at(E + 41000), 0);
	exit_step();
	assert_ptr_equal(running(), low);
	/* low sends high its message */
	v = hypercall_at(E + 45000);
	assert_ptr_equal(v, low);
	vcpu_wake(high, 42);
	assert_ptr_equal(running(), low);
	assert_true(this_cpu()->decision_needed);
	exit_step();
	assert_ptr_equal(running(), high);
	assert_int_equal(high->arch.user_regs.eax, 42);
	assert_int_equal(high->wait.port, 0);
	assert_int_equal(fake.switches[fake.switch_count - 1].at, E + 45000);
	/* high waits again; a wake during pair's window changes nothing on the CPU there */
	receive(hypercall_at(E + 50000), 0);
	exit_step();
	run_until(E + MAJOR + 1000);
	assert_null(running());
	vcpu_wake(high, 7);
	assert_false(this_cpu()->decision_needed);
	assert_int_equal(high->state, VCPU_RUNNABLE);
	run_until(E + MAJOR + 40000);
	assert_ptr_equal(running(), high);
	assert_int_equal(high->arch.user_regs.eax, 7);
}

/* A wait with a timeout ends at its deadline's very tick, with BH_ETIMEDOUT, and a higher
 * priority takes the CPU back then. */
static void test_timeout_wakes_with_etimedout(void **state)
{
	(void)state;
	fresh_engine();
	vcpu_set_state(low, VCPU_RUNNABLE);
	vcpu_set_state(high, VCPU_RUNNABLE);
	start(0);
	receive(hypercall_at(E + 41000), 5000);
	exit_step();
	assert_ptr_equal(running(), low);
	assert_int_equal(fake.timer_at, E + 46000);
	run_until(E + 46000);
	assert_ptr_equal(running(), high);
	assert_int_equal(fake.switches[fake.switch_count - 1].at, E + 46000);
	assert_int_equal((int32_t)high->arch.user_regs.eax, BH_ETIMEDOUT);
	assert_false(high->wait.timeout.armed);
	assert_int_equal(high->wait.port, 0);
	/* a wake before the timeout cancels it: no interrupt comes for it */
	receive(hypercall_at(E + 50000), 5000);
	exit_step();
	assert_ptr_equal(hypercall_at(E + 52000), low);
	vcpu_wake(high, 3);
	exit_step();
	assert_false(high->wait.timeout.armed);
	run_until(E + 70000);
	assert_interrupts(0, (const uint64_t[]){ E, E + 30000, E + 40000, E + 46000, E + 70000 }, 5);
	assert_int_equal(high->arch.user_regs.eax, 3);
}

/* A timeout that comes in other partitions' windows interrupts none of them: it is taken when
 * its own partition's next window starts, at that window's first tick. */
static void test_timeout_waits_for_its_own_window(void **state)
{
	(void)state;
	fresh_engine();
	vcpu_set_state(pair0, VCPU_RUNNABLE);
	vcpu_set_state(lone, VCPU_RUNNABLE);
	start(0);
	/* due at E+115000, in pair's window of frame 1 */
	receive(hypercall_at(E + 75000), 40000);
	exit_step();
	assert_null(running());
	run_until(E + 2 * MAJOR - 1);
	assert_interrupts(2, NULL, 0);
	assert_int_equal((int32_t)lone->arch.user_regs.eax, BH_ETIMEDOUT);
	/* it ran from its window's first tick */
	assert_int_equal(lone->stats.dispatched_at, (tick32_t)(E + MAJOR + 70000));
	assert_int_equal(lone->stats.consumed, 5000 + 20000);
}

/* A periodic virtual timer interrupts its own windows on its grid, no other window, and its
 * expiries outside them are counted as missed when its window comes. */
static void test_virtual_timer_interrupts_only_its_windows(void **state)
{
	struct vcpu *v;

	(void)state;
	fresh_engine();
	vcpu_set_state(pair0, VCPU_RUNNABLE);
	vcpu_set_state(low, VCPU_RUNNABLE);
	vcpu_set_state(lone, VCPU_RUNNABLE);
	start(0);
	/* a period of 130 us from E+72000: E+85000, +98000 (a gap), ... E+176000, E+189000 */
	v = hypercall_at(E + 72000);
	assert_int_equal(hc_vint_set_timer(v, 130000, 0, 0, 0), 0);
	exit_step();
	run_until(E + 2 * MAJOR - 1);
	assert_interrupts(2, (const uint64_t[]){ E + 85000, E + 176000, E + 189000 }, 3);
	/*
	 * The six expiries from 98000 to 163000 came outside its windows: at its window's start
	 * they count as five missed and one raised, which the line still pending from 85000 (no
	 * upcall takes it) absorbs, as it absorbs those at 176000 and 189000; the next is 202000.
	 */
	assert_true(lone->vint.pending & (1u << BH_VINT_TIMER));
	assert_int_equal(lone->timer.missed, 5 + 1 + 1 + 1);
	assert_int_equal(lone->timer.expiry.at, (tick32_t)(E + 202000));
	assert_true(lone->timer.expiry.armed);
}

/* The engine's contract for a deadline armed while its partition is off the CPU (the kernel on
 * another partition's behalf): not queued, so no interrupt in that window; taken at its own
 * window's start. */
static void test_deadline_armed_elsewhere_waits_for_its_window(void **state)
{
	(void)state;
	fresh_engine();
	vcpu_set_state(pair0, VCPU_RUNNABLE);
	vcpu_set_state(lone, VCPU_RUNNABLE);
	start(0);
	assert_ptr_equal(hypercall_at(E + 1000), pair0);
	/* a one-shot timer of the sleeper's, due in 20 us: in pair's window */
	assert_int_equal(hc_vint_set_timer(lone, 0, 0, 20000, 0), 0);
	assert_false(this_cpu()->decision_needed);
	exit_step();
	run_until(E + 70000);
	assert_interrupts(0, (const uint64_t[]){ E, E + 30000, E + 40000, E + 70000 }, 4);
	assert_true(lone->vint.pending & (1u << BH_VINT_TIMER));
	assert_false(lone->timer.expiry.armed);
}

/* vcpu_set_state keeps the scheduler's bitmap (RUNNABLE and RUNNING may have the CPU) and marks
 * a decision only on the CPU whose window holds the vcpu's partition. */
static void test_state_changes_keep_the_bitmap_and_mark(void **state)
{
	static const enum vcpu_state all[] = { VCPU_DOWN, VCPU_RUNNABLE, VCPU_RUNNING,
					       VCPU_BLOCKED, VCPU_PAUSED, VCPU_HALTED };
	struct cpu *c = this_cpu();

	(void)state;
	fresh_engine();
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		vcpu_set_state(pair1, all[i]);
		assert_int_equal(pair1->state, all[i]);
		assert_int_equal((pair->sched->runnable >> 1) & 1,
				 all[i] == VCPU_RUNNABLE || all[i] == VCPU_RUNNING);
		assert_int_equal(pair->sched->runnable & 1, 0);
	}
	vcpu_set_state(pair1, VCPU_DOWN);
	vcpu_set_state(pair0, VCPU_RUNNABLE);
	start(0);
	run_until(E + 1000);
	assert_ptr_equal(running(), pair0);
	/* another partition's vcpu: no decision here */
	vcpu_set_state(low, VCPU_RUNNABLE);
	assert_false(c->decision_needed);
	/* the window's partition's: a decision at the next exit step */
	vcpu_set_state(pair1, VCPU_RUNNABLE);
	assert_true(c->decision_needed);
	exit_step();
	/* pair1 now shares the priority: a quantum runs from pair0's dispatch */
	assert_true(c->quantum_end.queued);
	assert_int_equal(c->quantum_end.at, (tick32_t)(E + QUANTUM));
}

/* After `frames` major frames the system reports and shuts down, at the next frame's first tick. */
static void test_run_frames_end_the_run(void **state)
{
	(void)state;
	fresh_engine();
	vcpu_set_state(pair0, VCPU_RUNNABLE);
	start(2);
	shutdown_expected = true;
	if (!setjmp(shutdown_jump)) {
		run_until(E + 3 * MAJOR);
		fail_msg("no shutdown by E+%d", 3 * MAJOR);
	}
	assert_int_equal(fake.clock, E + 2 * MAJOR);
	assert_int_equal(pair->stats.windows_entered, 2);
}

/* A switch asked for in frame 0, then a stall from the middle of frame 0 to the middle of frame 2:
 * the switch is made at the first frame's end the stall passed (E + MAJOR, frame 1), and the
 * catch-up finds frame 2 in the new plan. */
static void test_switch_after_a_stall_at_the_first_boundary(void **state)
{
	struct cpu *c = this_cpu();

	(void)state;
	fresh_engine();
	vcpu_set_state(pair0, VCPU_RUNNABLE);
	vcpu_set_state(low, VCPU_RUNNABLE);
	start(0);
	run_until(E + 35000);
	dispatch_plans[0][1] = dispatch_plans[0][0];
	c->next_plan = &dispatch_plans[0][1];
	switched.expected = true;
	/* the next interrupt (the gap's end, E + 40000) comes at E + 2 * MAJOR + 35000 */
	assert_int_equal(fake.timer_at, E + 40000);
	fake.interrupt_late = 2 * MAJOR + 35000 - 40000;
	timer_interrupt();
	fake.interrupt_late = 0;
	assert_int_equal(switched.count, 1);
	assert_int_equal(switched.id, 1);
	assert_int_equal(switched.frame, 1);
	assert_int_equal(switched.at, E + MAJOR);
	assert_ptr_equal(c->plan, &dispatch_plans[0][1]);
	assert_int_equal(dispatch_plans[0][1].epoch, E + MAJOR);
	assert_int_equal(c->slot.frame, 2);
	assert_int_equal(c->slot.frame_start, E + 2 * MAJOR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_windows_follow_the_plan),
		cmocka_unit_test(test_yield_rotates_between_equals),
		cmocka_unit_test(test_quantum_ends_a_spinners_turn),
		cmocka_unit_test(test_quantum_with_late_interrupts),
		cmocka_unit_test(test_higher_priority_wake_preempts),
		cmocka_unit_test(test_timeout_wakes_with_etimedout),
		cmocka_unit_test(test_timeout_waits_for_its_own_window),
		cmocka_unit_test(test_virtual_timer_interrupts_only_its_windows),
		cmocka_unit_test(test_deadline_armed_elsewhere_waits_for_its_window),
		cmocka_unit_test(test_state_changes_keep_the_bitmap_and_mark),
		cmocka_unit_test(test_run_frames_end_the_run),
		cmocka_unit_test(test_switch_after_a_stall_at_the_first_boundary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
