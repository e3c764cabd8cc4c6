/*
 * core/deadline.c on the host: a CPU's queue of deadlines, earliest first across the wrap of the
 * clock's low half; deadlines further than a horizon reached in steps; remove and cancel; expiry
 * functions that queue deadlines again.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <core/deadline.h>
#include <lib/container_of.h>

#define H DEADLINE_HORIZON

/* A deadline of the tests: its expiries (when, and in which order among all) are recorded. */
struct probe {
	struct deadline d;
	const char *name;
	uint32_t expired;                /* times its expiry ran */
	tick32_t expired_now;            /* the `now` it was last given */
	uint32_t period;                 /* not 0: it queues itself again, `period` after its deadline */
	struct deadline_queue *q;
};

static char order[64];               /* names of the expiries, in the order they ran */
static uint32_t expiries;

static void probe_expired(struct deadline *d, tick32_t now)
{
	struct probe *p = container_of(d, struct probe, d);

	/* taken out and disarmed before its expiry runs */
	assert_false(d->queued);
	assert_false(d->armed);
	p->expired++;
	p->expired_now = now;
	expiries++;
	strncat(order, p->name, sizeof(order) - strlen(order) - 1);
	if (p->period) {
		deadline_arm_at(d, d->at + p->period);
		deadline_queue_add(p->q, d);
	}
}

static void probe_init(struct probe *p, const char *name)
{
	memset(p, 0, sizeof(*p));
	deadline_init(&p->d, probe_expired);
	p->name = name;
}

/* Each test starts with no expiry recorded (called first: the harness lists plain
 * cmocka_unit_test cases only). */
static void reset(void)
{
	order[0] = 0;
	expiries = 0;
}

/* The queue, from its head, as the names of the probes in it; each one says it is queued. */
static const char *queued(const struct deadline_queue *q)
{
	static char names[64];

	names[0] = 0;
	for (const struct deadline *d = q->head; d; d = d->next) {
		assert_true(d->queued);
		assert_true(d->armed);
		strncat(names, container_of(d, struct probe, d)->name, sizeof(names) - strlen(names) - 1);
	}
	return names;
}

static void add_at(struct deadline_queue *q, struct probe *p, tick32_t at)
{
	deadline_arm_at(&p->d, at);
	deadline_queue_add(q, &p->d);
}

static void test_queue_keeps_the_earliest_first(void **state)
{
	struct deadline_queue q = { 0 };
	struct probe a, b, c, d, e;

	(void)state;
	reset();
	probe_init(&a, "a");
	probe_init(&b, "b");
	probe_init(&c, "c");
	probe_init(&d, "d");
	probe_init(&e, "e");
	assert_int_equal(deadline_queue_next(&q, 1000), 1000 + H);
	add_at(&q, &c, 3000);
	add_at(&q, &a, 1000);
	add_at(&q, &d, 4000);
	add_at(&q, &b, 2000);
	assert_string_equal(queued(&q), "abcd");
	assert_int_equal(deadline_queue_next(&q, 500), 1000);
	/* an equal deadline goes after those already there: they expire in the order queued */
	add_at(&q, &e, 2000);
	assert_string_equal(queued(&q), "abecd");
	/* queued again at another time: moved, not queued twice */
	add_at(&q, &a, 3500);
	assert_string_equal(queued(&q), "becad");
	add_at(&q, &d, 100);
	assert_string_equal(queued(&q), "dbeca");
	assert_int_equal(deadline_queue_next(&q, 50), 100);
	add_at(&q, &d, 100);
	assert_string_equal(queued(&q), "dbeca");
}

/* Times on both sides of the low half's wrap: the order is the clock's, not the numbers'. */
static void test_queue_order_across_the_wrap(void **state)
{
	struct deadline_queue q = { 0 };
	struct probe a, b, c, d;

	(void)state;
	reset();
	probe_init(&a, "a");
	probe_init(&b, "b");
	probe_init(&c, "c");
	probe_init(&d, "d");
	add_at(&q, &c, 0x10u);
	add_at(&q, &a, 0xfffffff0u);
	add_at(&q, &d, H);
	add_at(&q, &b, 0u);
	assert_string_equal(queued(&q), "abcd");
	assert_int_equal(deadline_queue_next(&q, 0xffffff00u), 0xfffffff0u);
	/* the clock passes the wrap: the deadlines before it, and at it, have come */
	deadline_queue_expire(&q, 0x8u);
	assert_string_equal(order, "ab");
	assert_int_equal(a.expired_now, 0x8u);
	assert_string_equal(queued(&q), "cd");
	deadline_queue_expire(&q, H - 1);
	assert_string_equal(order, "abc");
	deadline_queue_expire(&q, H);
	assert_string_equal(order, "abcd");
	assert_null(q.head);
	/* empty: the queue wants the CPU back a horizon from now, across the wrap too */
	assert_int_equal(deadline_queue_next(&q, 0xfffffff0u), (tick32_t)(0xfffffff0u + H));
}

static void test_expire_takes_exactly_what_has_come(void **state)
{
	struct deadline_queue q = { 0 };
	struct probe a, b, c;

	(void)state;
	reset();
	probe_init(&a, "a");
	probe_init(&b, "b");
	probe_init(&c, "c");
	add_at(&q, &a, 100);
	add_at(&q, &b, 200);
	add_at(&q, &c, 200);
	deadline_queue_expire(&q, 99);
	assert_int_equal(expiries, 0);
	assert_string_equal(queued(&q), "abc");
	deadline_queue_expire(&q, 100);
	assert_string_equal(order, "a");
	assert_int_equal(a.expired, 1);
	assert_false(a.d.armed);
	deadline_queue_expire(&q, 199);
	assert_string_equal(order, "a");
	/* late: both at 200 run, in their order, told the time it is */
	deadline_queue_expire(&q, 250);
	assert_string_equal(order, "abc");
	assert_int_equal(b.expired_now, 250);
	assert_int_equal(c.expired_now, 250);
	assert_null(q.head);
	deadline_queue_expire(&q, 1000);
	assert_int_equal(expiries, 3);
}

static void test_remove_and_cancel(void **state)
{
	struct deadline_queue q = { 0 };
	struct probe a, b, c, d, idle;

	(void)state;
	reset();
	probe_init(&a, "a");
	probe_init(&b, "b");
	probe_init(&c, "c");
	probe_init(&d, "d");
	probe_init(&idle, "i");
	add_at(&q, &a, 10);
	add_at(&q, &b, 20);
	add_at(&q, &c, 30);
	add_at(&q, &d, 40);
	/* the middle, the head and the tail come out; the rest keep their order */
	deadline_queue_remove(&q, &b.d);
	assert_string_equal(queued(&q), "acd");
	assert_true(b.d.armed);
	assert_false(b.d.queued);
	deadline_queue_remove(&q, &a.d);
	assert_string_equal(queued(&q), "cd");
	deadline_cancel(&q, &d.d);
	assert_string_equal(queued(&q), "c");
	assert_false(d.d.armed);
	assert_false(d.d.queued);
	/* not queued (armed or not): nothing changes but cancel's disarming */
	deadline_queue_remove(&q, &b.d);
	assert_true(b.d.armed);
	assert_string_equal(queued(&q), "c");
	deadline_cancel(&q, &b.d);
	assert_false(b.d.armed);
	assert_string_equal(queued(&q), "c");
	deadline_cancel(&q, &idle.d);
	deadline_queue_remove(&q, &idle.d);
	assert_false(idle.d.armed);
	assert_string_equal(queued(&q), "c");
	/* a removed deadline still armed goes back in its place */
	deadline_queue_add(&q, &a.d);
	assert_string_equal(queued(&q), "ac");
	/* what was taken out never expires */
	deadline_queue_expire(&q, 100);
	assert_string_equal(order, "ac");
	assert_int_equal(b.expired + d.expired + idle.expired, 0);
}

/* An expiry that queues its deadline again (a periodic timer): each period that has come runs,
 * in time order with the others, within the one call; one ahead of the clock waits. */
static void test_expiry_may_queue_again(void **state)
{
	struct deadline_queue q = { 0 };
	struct probe p, x, y;

	(void)state;
	reset();
	probe_init(&p, "p");
	probe_init(&x, "x");
	probe_init(&y, "y");
	p.period = 100;
	p.q = &q;
	add_at(&q, &p, 100);
	add_at(&q, &x, 150);
	add_at(&q, &y, 300);
	deadline_queue_expire(&q, 320);
	/* p at 100, x at 150, p at 200, y at 300, p at 300: p's third deadline was queued (at 200)
	 * after y's, and equal deadlines run in the order queued */
	assert_string_equal(order, "pxpyp");
	assert_int_equal(p.expired, 3);
	assert_string_equal(queued(&q), "p");
	assert_int_equal(p.d.at, 400);
	deadline_queue_expire(&q, 399);
	assert_int_equal(p.expired, 3);
	deadline_queue_expire(&q, 400);
	assert_int_equal(p.expired, 4);
	assert_int_equal(p.expired_now, 400);
}

/* The first step is 1 to H ticks, then whole horizons. */
static void test_arm_splits_into_steps(void **state)
{
	const tick32_t from = 0xfffff000u;
	struct deadline d;

	(void)state;
	reset();
	deadline_init(&d, probe_expired);
	deadline_arm(&d, from, 100);
	assert_true(d.armed);
	assert_false(d.queued);
	assert_int_equal(d.at, (tick32_t)(from + 100));
	assert_int_equal(d.steps, 0);
	deadline_arm(&d, from, H);
	assert_int_equal(d.at, (tick32_t)(from + H));
	assert_int_equal(d.steps, 0);
	deadline_arm(&d, from, H + 1);
	assert_int_equal(d.at, (tick32_t)(from + 1));
	assert_int_equal(d.steps, 1);
	/* a whole number of horizons: whole steps, none of them empty */
	deadline_arm(&d, from, 2ull * H);
	assert_int_equal(d.at, (tick32_t)(from + H));
	assert_int_equal(d.steps, 1);
	deadline_arm_at(&d, 12345);
	assert_true(d.armed);
	assert_int_equal(d.at, 12345);
	assert_int_equal(d.steps, 0);
	assert_true(deadline_span_fits(H));
	assert_false(deadline_span_fits(H + 1ull));
}

/* Walks d through the queue as the dispatcher does (the timer set for the head, the queue expired
 * when it fires); returns the clock at its expiry and counts the steps taken. */
static tick32_t walk(struct deadline_queue *q, struct probe *p, tick32_t now, uint32_t *steps)
{
	*steps = 0;
	while (!p->expired) {
		tick32_t next = deadline_queue_next(q, now);

		/* every step lies ahead, a horizon at most: the wrap-safe compares hold */
		assert_true(tick32_before(now, next));
		assert_true(next - now <= H);
		now = next;
		deadline_queue_expire(q, now);
		(*steps)++;
	}
	assert_int_equal(p->expired_now, now);
	return now;
}

/* A deadline further than the horizon is reached in steps, on time, across the wrap (the old
 * tick32 deadline's test, now through the queue). */
static void test_deadline_in_steps(void **state)
{
	const tick32_t from = 0xfffff000u;
	const uint64_t ahead = 5ull * H + 123;   /* past two wraps of the low half */
	struct deadline_queue q = { 0 };
	struct probe p;
	uint32_t steps;

	(void)state;
	reset();
	probe_init(&p, "p");
	deadline_arm(&p.d, from, 100);
	assert_false(deadline_passed(&p.d, from + 99));
	assert_true(deadline_passed(&p.d, from + 100));
	deadline_queue_add(&q, &p.d);
	deadline_queue_expire(&q, from + 99);
	assert_int_equal(p.expired, 0);
	deadline_queue_expire(&q, from + 100);
	assert_int_equal(p.expired, 1);
	assert_false(p.d.armed);
	assert_false(deadline_passed(&p.d, from + 200));
	deadline_queue_expire(&q, from + 200);
	assert_int_equal(p.expired, 1);

	probe_init(&p, "p");
	deadline_arm(&p.d, from, ahead);
	deadline_queue_add(&q, &p.d);
	assert_int_equal(walk(&q, &p, from, &steps), (tick32_t)(from + ahead));
	assert_int_equal(steps, 6);
	assert_int_equal(p.expired, 1);
	assert_null(q.head);
}

/* A virtual timer an hour away at 100 MHz: 335 empty steps, then its expiry at the very tick. */
static void test_an_hour_away(void **state)
{
	const uint64_t hour = 3600ull * 100000000;
	const tick32_t from = 0x9abcdef0u;
	struct deadline_queue q = { 0 };
	struct probe p, near;
	uint32_t steps;

	(void)state;
	reset();
	probe_init(&p, "p");
	probe_init(&near, "n");
	deadline_arm(&p.d, from, hour);
	assert_int_equal(p.d.steps, (hour - 1) / H);
	deadline_queue_add(&q, &p.d);
	/* another deadline soon comes first, and the far one's step does not disturb it */
	add_at(&q, &near, from + 1000);
	assert_string_equal(queued(&q), "np");
	deadline_queue_expire(&q, from + 1000);
	assert_string_equal(order, "n");
	assert_int_equal(walk(&q, &p, from + 1000, &steps), (tick32_t)(from + hour));
	assert_int_equal(steps, (hour - 1) / H + 1);
}

/* deadline_passed looks without moving: its last step may already lie behind `now` (the clock
 * less than 2^31 ticks past its step, as the header requires). */
static void test_passed_with_steps_behind(void **state)
{
	const tick32_t from = 0xfffff000u;
	struct deadline d;

	(void)state;
	reset();
	deadline_init(&d, probe_expired);
	assert_false(deadline_passed(&d, from));
	deadline_arm(&d, from, H + 100);
	assert_false(deadline_passed(&d, from + 100));
	assert_false(deadline_passed(&d, from + H + 99));
	assert_true(deadline_passed(&d, from + H + 100));
	assert_true(deadline_passed(&d, from + H + 5000));
	assert_int_equal(d.steps, 1);
	assert_int_equal(d.at, (tick32_t)(from + 100));
	/* a whole number of horizons: its one step ends exactly at the deadline */
	deadline_arm(&d, from, 2ull * H);
	assert_false(deadline_passed(&d, from + 2 * H - 1));
	assert_true(deadline_passed(&d, from + 2 * H));
	d.armed = false;
	assert_false(deadline_passed(&d, from + 2 * H));
}

/* The whole deadline in clock ticks, from a clock on either side of its step and of the wrap. */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queue_keeps_the_earliest_first),
		cmocka_unit_test(test_queue_order_across_the_wrap),
		cmocka_unit_test(test_expire_takes_exactly_what_has_come),
		cmocka_unit_test(test_remove_and_cancel),
		cmocka_unit_test(test_expiry_may_queue_again),
		cmocka_unit_test(test_arm_splits_into_steps),
		cmocka_unit_test(test_deadline_in_steps),
		cmocka_unit_test(test_an_hour_away),
		cmocka_unit_test(test_passed_with_steps_behind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
