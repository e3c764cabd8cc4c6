/*
 * core/sched.c on the host: which slot holds a time, which slot follows another (over thousands
 * of frames, to the tick), and which vcpu of a partition runs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <core/sched.h>
#include <core/vcpu.h>

#define EPOCH 123456789ull

/* The demo's shape in ticks: windows 0-200, 250-650, 700-900 in a frame of 1000. */
static struct sched_plan demo_plan = {
	.epoch = EPOCH, .major = 1000, .count = 3,
	.windows = { { 0, 0, 200 }, { 1, 250, 400 }, { 2, 700, 200 } },
};

/* Idle before its first window, two windows back to back, and a last one ending the frame. */
static struct sched_plan gapped_plan = {
	.epoch = EPOCH, .major = 1000, .count = 4,
	.windows = { { 0, 100, 200 }, { 1, 300, 200 }, { 0, 600, 100 }, { 2, 900, 100 } },
};

/* The plan of the slots being checked: a slot names only its stretch in it. */
static const struct sched_plan *slots_plan;

/* Where a slot of frame 0 or later starts: its frame's start plus its stretch's. */
static tick32_t slot_start(const struct sched_plan *plan, const struct sched_slot *slot)
{
	return (tick32_t)slot->frame_start + plan->stretches[slot->stretch].start;
}

/* For a gap, the window it leads to: its stretch's, or window 0 before frame 0. */
static uint32_t leads_to(const struct sched_plan *plan, const struct sched_slot *slot)
{
	return slot->stretch < plan->stretch_count ? plan->stretches[slot->stretch].next : 0;
}

static void assert_slot(const struct sched_slot *s, uint64_t frame, int32_t window, uint32_t next,
			uint64_t start, uint64_t end)
{
	if (s->frame != frame || sched_slot_window(slots_plan, s) != window ||
	    leads_to(slots_plan, s) != next ||
	    slot_start(slots_plan, s) != (tick32_t)start || s->end != (tick32_t)end ||
	    s->frame_start != EPOCH + frame * 1000)
		fail_msg("slot frame %llu (start %llu) window %d next %u [%llu, %llu); expected "
			 "frame %llu window %d next %u [%llu, %llu)",
			 (unsigned long long)s->frame, (unsigned long long)s->frame_start,
			 sched_slot_window(slots_plan, s), leads_to(slots_plan, s),
			 (unsigned long long)slot_start(slots_plan, s), (unsigned long long)s->end,
			 (unsigned long long)frame, window, next, (unsigned long long)start,
			 (unsigned long long)end);
}

static struct sched_slot slot_at(const struct sched_plan *plan, uint64_t now)
{
	struct sched_slot s;

	memset(&s, 0xa5, sizeof(s));
	sched_slot_at(plan, now, &s);
	slots_plan = plan;
	return s;
}

static void test_slot_at_inside_windows(void **state)
{
	struct sched_slot s;

	(void)state;
	s = slot_at(&demo_plan, EPOCH);
	assert_slot(&s, 0, 0, 1, EPOCH, EPOCH + 200);
	s = slot_at(&demo_plan, EPOCH + 199);
	assert_slot(&s, 0, 0, 1, EPOCH, EPOCH + 200);
	s = slot_at(&demo_plan, EPOCH + 250);
	assert_slot(&s, 0, 1, 2, EPOCH + 250, EPOCH + 650);
	s = slot_at(&demo_plan, EPOCH + 400);
	assert_slot(&s, 0, 1, 2, EPOCH + 250, EPOCH + 650);
	s = slot_at(&demo_plan, EPOCH + 899);
	assert_slot(&s, 0, 2, 3, EPOCH + 700, EPOCH + 900);
}

static void test_slot_at_idle_between_windows(void **state)
{
	struct sched_slot s;

	(void)state;
	/* a window's end is the gap's start */
	s = slot_at(&demo_plan, EPOCH + 200);
	assert_slot(&s, 0, SCHED_IDLE, 1, EPOCH + 200, EPOCH + 250);
	s = slot_at(&demo_plan, EPOCH + 249);
	assert_slot(&s, 0, SCHED_IDLE, 1, EPOCH + 200, EPOCH + 250);
	s = slot_at(&demo_plan, EPOCH + 680);
	assert_slot(&s, 0, SCHED_IDLE, 2, EPOCH + 650, EPOCH + 700);
}

static void test_slot_at_idle_after_the_last_window(void **state)
{
	struct sched_slot s;

	(void)state;
	s = slot_at(&demo_plan, EPOCH + 900);
	assert_slot(&s, 0, SCHED_IDLE, 3, EPOCH + 900, EPOCH + 1000);
	s = slot_at(&demo_plan, EPOCH + 999);
	assert_slot(&s, 0, SCHED_IDLE, 3, EPOCH + 900, EPOCH + 1000);
}

static void test_slot_at_idle_before_the_first_window(void **state)
{
	struct sched_slot s;

	(void)state;
	s = slot_at(&gapped_plan, EPOCH);
	assert_slot(&s, 0, SCHED_IDLE, 0, EPOCH, EPOCH + 100);
	s = slot_at(&gapped_plan, EPOCH + 99);
	assert_slot(&s, 0, SCHED_IDLE, 0, EPOCH, EPOCH + 100);
	s = slot_at(&gapped_plan, EPOCH + 3000 + 50);
	assert_slot(&s, 3, SCHED_IDLE, 0, EPOCH + 3000, EPOCH + 3100);
}

static void test_slot_at_back_to_back_windows(void **state)
{
	struct sched_slot s;

	(void)state;
	/* no empty gap between windows that touch */
	s = slot_at(&gapped_plan, EPOCH + 299);
	assert_slot(&s, 0, 0, 1, EPOCH + 100, EPOCH + 300);
	s = slot_at(&gapped_plan, EPOCH + 300);
	assert_slot(&s, 0, 1, 2, EPOCH + 300, EPOCH + 500);
	/* a window ending the frame */
	s = slot_at(&gapped_plan, EPOCH + 999);
	assert_slot(&s, 0, 3, 4, EPOCH + 900, EPOCH + 1000);
}

static void test_slot_at_later_frames(void **state)
{
	struct sched_slot s;

	(void)state;
	s = slot_at(&demo_plan, EPOCH + 5000);
	assert_slot(&s, 5, 0, 1, EPOCH + 5000, EPOCH + 5200);
	s = slot_at(&demo_plan, EPOCH + 5260);
	assert_slot(&s, 5, 1, 2, EPOCH + 5250, EPOCH + 5650);
	s = slot_at(&demo_plan, EPOCH + 7999);
	assert_slot(&s, 7, SCHED_IDLE, 3, EPOCH + 7900, EPOCH + 8000);
	s = slot_at(&demo_plan, EPOCH + 1000000ull * 1000 + 710);
	assert_slot(&s, 1000000, 2, 3, EPOCH + 1000000ull * 1000 + 700, EPOCH + 1000000ull * 1000 + 900);
}

static void test_slot_at_with_epoch_zero(void **state)
{
	struct sched_plan plan = demo_plan;
	struct sched_slot s;

	(void)state;
	plan.epoch = 0;
	s = slot_at(&plan, 2260);
	assert_int_equal(s.frame, 2);
	assert_int_equal(s.frame_start, 2000);
	assert_int_equal(sched_slot_window(&plan, &s), 1);
	assert_int_equal(slot_start(&plan, &s), 2250);
	assert_int_equal(s.end, 2650);
}

/* Walks the frame with sched_slot_next and checks each slot in turn. */
static void test_slot_next_through_frames(void **state)
{
	struct sched_slot s = slot_at(&demo_plan, EPOCH);

	(void)state;
	assert_slot(&s, 0, 0, 1, EPOCH, EPOCH + 200);
	assert_false(sched_slot_next(&demo_plan, &s));
	assert_slot(&s, 0, SCHED_IDLE, 1, EPOCH + 200, EPOCH + 250);
	sched_slot_next(&demo_plan, &s);
	assert_slot(&s, 0, 1, 2, EPOCH + 250, EPOCH + 650);
	sched_slot_next(&demo_plan, &s);
	assert_slot(&s, 0, SCHED_IDLE, 2, EPOCH + 650, EPOCH + 700);
	sched_slot_next(&demo_plan, &s);
	assert_slot(&s, 0, 2, 3, EPOCH + 700, EPOCH + 900);
	sched_slot_next(&demo_plan, &s);
	assert_slot(&s, 0, SCHED_IDLE, 3, EPOCH + 900, EPOCH + 1000);
	/* frame wrap: window 0 starts the next frame, with no gap in between */
	assert_true(sched_slot_next(&demo_plan, &s));
	assert_slot(&s, 1, 0, 1, EPOCH + 1000, EPOCH + 1200);
	assert_false(sched_slot_next(&demo_plan, &s));
}

static void test_slot_next_with_gaps_at_both_ends(void **state)
{
	struct sched_slot s = slot_at(&gapped_plan, EPOCH + 150);

	(void)state;
	assert_slot(&s, 0, 0, 1, EPOCH + 100, EPOCH + 300);
	sched_slot_next(&gapped_plan, &s);
	assert_slot(&s, 0, 1, 2, EPOCH + 300, EPOCH + 500);
	sched_slot_next(&gapped_plan, &s);
	assert_slot(&s, 0, SCHED_IDLE, 2, EPOCH + 500, EPOCH + 600);
	sched_slot_next(&gapped_plan, &s);
	assert_slot(&s, 0, 2, 3, EPOCH + 600, EPOCH + 700);
	sched_slot_next(&gapped_plan, &s);
	assert_slot(&s, 0, SCHED_IDLE, 3, EPOCH + 700, EPOCH + 900);
	sched_slot_next(&gapped_plan, &s);
	assert_slot(&s, 0, 3, 4, EPOCH + 900, EPOCH + 1000);
	/* the last window ends the frame: the next frame opens with its idle gap */
	sched_slot_next(&gapped_plan, &s);
	assert_slot(&s, 1, SCHED_IDLE, 0, EPOCH + 1000, EPOCH + 1100);
	sched_slot_next(&gapped_plan, &s);
	assert_slot(&s, 1, 0, 1, EPOCH + 1100, EPOCH + 1300);
}

/* A frame length and offsets that share no factor with anything, at a large epoch: the slots'
 * times (the clock's low half) wrap around 2^32 several times in 10000 slots. */
static struct sched_plan odd_plan = {
	.epoch = 987654321987ull, .major = 10000019, .count = 3,
	.windows = { { 0, 7, 1999993 }, { 1, 2500001, 3999989 }, { 2, 7000003, 2000011 } },
};

static void test_ten_thousand_slot_next_calls_do_not_drift(void **state)
{
	const struct sched_plan *plan = &odd_plan;
	struct sched_slot s = slot_at(plan, plan->epoch);
	uint64_t windows = 0;

	(void)state;
	for (int n = 0; n < 10000; n++) {
		tick32_t previous_end = s.end;
		tick32_t start;

		sched_slot_next(plan, &s);
		start = slot_start(plan, &s);
		/* slots tile time: each starts where the last one ended */
		if (start != previous_end)
			fail_msg("slot %d starts at %llu, the previous ended at %llu", n,
				 (unsigned long long)start, (unsigned long long)previous_end);
		if (s.frame_start != plan->epoch + s.frame * plan->major)
			fail_msg("slot %d: frame %llu starts at %llu", n, (unsigned long long)s.frame,
				 (unsigned long long)s.frame_start);
		if (sched_slot_window(plan, &s) != SCHED_IDLE) {
			const struct sched_window *w = &plan->windows[sched_slot_window(plan, &s)];

			if (start != (tick32_t)(plan->epoch + s.frame * plan->major + w->offset) ||
			    s.end != (tick32_t)(start + w->duration))
				fail_msg("slot %d: window %d of frame %llu is [%llu, %llu)", n,
					 sched_slot_window(plan, &s),
					 (unsigned long long)s.frame, (unsigned long long)start,
					 (unsigned long long)s.end);
			windows++;
		}
		assert_true(tick32_before(start, s.end));
	}
	/*
	 * Seven slots a frame: a gap, window 0, a gap, window 1, a gap, window 2, the closing gap.
	 * From frame 0's first gap, 10000 steps make 1428 frames and 4 slots more: frame 1428's gap
	 * after window 1; 3 windows in each full frame, then windows 0 and 1.
	 */
	assert_int_equal(windows, 1428 * 3 + 2);
	assert_int_equal(s.frame, 1428);
	assert_int_equal(sched_slot_window(plan, &s), SCHED_IDLE);
	assert_int_equal(leads_to(plan, &s), 2);
	assert_int_equal(slot_start(plan, &s), (tick32_t)(plan->epoch + 1428ull * plan->major + 2500001 + 3999989));
	assert_int_equal(s.end, (tick32_t)(plan->epoch + 1428ull * plan->major + 7000003));
}

static int same_slot(const struct sched_slot *a, const struct sched_slot *b)
{
	return a->frame == b->frame && a->frame_start == b->frame_start &&
	       a->end == b->end &&
	       a->stretch == b->stretch;
}

/* For every slot sched_slot_next produces, sched_slot_at anywhere inside it gives the same one. */
static void assert_at_agrees_with_next(const struct sched_plan *plan, int slots)
{
	struct sched_slot s = slot_at(plan, plan->epoch);

	for (int n = 0; n < slots; n++) {
		uint64_t start = tick32_extend(s.frame_start, slot_start(plan, &s));
		uint32_t length = s.end - slot_start(plan, &s);
		uint64_t samples[] = { start, start + length / 2, start + length - 1 };

		for (int k = 0; k < 3; k++) {
			struct sched_slot at = slot_at(plan, samples[k]);

			if (!same_slot(&at, &s))
				fail_msg("at %llu: sched_slot_at gives window %d [%llu, %llu), "
					 "sched_slot_next gave window %d [%llu, %llu)",
					 (unsigned long long)samples[k], sched_slot_window(plan, &at),
					 (unsigned long long)slot_start(plan, &at), (unsigned long long)at.end,
					 sched_slot_window(plan, &s),
					 (unsigned long long)slot_start(plan, &s), (unsigned long long)s.end);
		}
		sched_slot_next(plan, &s);
	}
}

static void test_slot_at_agrees_with_slot_next(void **state)
{
	(void)state;
	assert_at_agrees_with_next(&demo_plan, 3000);
	assert_at_agrees_with_next(&gapped_plan, 3000);
	assert_at_agrees_with_next(&odd_plan, 3000);
}

/*
 * The scheduler's state of a partition of `n` vcpus with the given priorities, all RUNNABLE.
 * set_state keeps its runnable bitmap by the dispatcher's rule (RUNNABLE and RUNNING may have the
 * CPU; tests/unit/test_dispatch.c checks vcpu_set_state itself keeps it so).
 */
static struct sched_partition part;
static uint32_t vcpu_count;
static uint32_t priority[CONFIG_MAX_VCPUS_PER_PARTITION];
static enum vcpu_state states[CONFIG_MAX_VCPUS_PER_PARTITION];

static bool may_run(enum vcpu_state state)
{
	return state == VCPU_RUNNABLE || state == VCPU_RUNNING;
}

static void set_state(uint32_t i, enum vcpu_state state)
{
	states[i] = state;
	if (may_run(state))
		part.runnable |= 1u << i;
	else
		part.runnable &= ~(1u << i);
}

/* sched_pick for the tests that look only at the choice: a vcpu index, or SCHED_NONE */
static int32_t pick(int32_t running, bool rotate)
{
	bool shared;

	return sched_pick(&part, running, rotate, &shared);
}

static void make_partition(uint32_t n, const uint32_t *priorities)
{
	memset(&part, 0, sizeof(part));
	vcpu_count = n;
	for (uint32_t i = 0; i < n; i++) {
		priority[i] = priorities[i];
		set_state(i, VCPU_RUNNABLE);
	}
	sched_prepare_priorities(&part, priority, n);
}

static void test_pick_highest_priority(void **state)
{
	(void)state;
	make_partition(4, (const uint32_t[]){ 1, 5, 3, 4 });
	assert_int_equal(pick(SCHED_NONE, false), 1);
	/* whoever holds the CPU, a higher priority takes it even without a rotation */
	set_state(0, VCPU_RUNNING);
	assert_int_equal(pick(0, false), 1);
}

static void test_pick_round_robin_from_cursor(void **state)
{
	(void)state;
	make_partition(3, (const uint32_t[]){ 2, 2, 2 });
	part.rr_cursor = 0;
	assert_int_equal(pick(SCHED_NONE, false), 1);
	part.rr_cursor = 1;
	assert_int_equal(pick(SCHED_NONE, false), 2);
	part.rr_cursor = 2;
	assert_int_equal(pick(SCHED_NONE, true), 0);
	/* a blocked one is passed over */
	part.rr_cursor = 0;
	set_state(1, VCPU_BLOCKED);
	assert_int_equal(pick(SCHED_NONE, true), 2);
}

static void test_pick_round_robin_only_among_the_highest(void **state)
{
	(void)state;
	make_partition(4, (const uint32_t[]){ 7, 1, 7, 1 });
	part.rr_cursor = 0;
	assert_int_equal(pick(SCHED_NONE, true), 2);
	part.rr_cursor = 2;
	assert_int_equal(pick(SCHED_NONE, true), 0);
}

static void test_pick_keeps_current_unless_rotating(void **state)
{
	(void)state;
	make_partition(3, (const uint32_t[]){ 2, 2, 2 });
	set_state(2, VCPU_RUNNING);
	part.rr_cursor = 2;
	assert_int_equal(pick(2, false), 2);
	assert_int_equal(pick(2, true), 0);
	/* a current that can no longer run is not kept */
	set_state(2, VCPU_BLOCKED);
	assert_int_equal(pick(2, false), 0);
}

/* The dispatcher passes no running vcpu when the one on the CPU is another partition's (or the CPU
 * idles): then vcpu 0, runnable, gets no claim from index 0, and the cursor decides. */
static void test_pick_without_a_running_vcpu_of_the_partition(void **state)
{
	(void)state;
	make_partition(2, (const uint32_t[]){ 2, 2 });
	part.rr_cursor = 0;
	assert_int_equal(pick(SCHED_NONE, false), 1);
}

static void test_pick_single_vcpu_rotates_to_itself(void **state)
{
	(void)state;
	make_partition(1, (const uint32_t[]){ 0 });
	assert_int_equal(pick(0, true), 0);
}

static void test_pick_none_runnable(void **state)
{
	(void)state;
	make_partition(4, (const uint32_t[]){ 1, 2, 3, 4 });
	set_state(0, VCPU_DOWN);
	set_state(1, VCPU_BLOCKED);
	set_state(2, VCPU_PAUSED);
	set_state(3, VCPU_HALTED);
	assert_int_equal(pick(SCHED_NONE, false), SCHED_NONE);
	assert_int_equal(pick(3, true), SCHED_NONE);
	make_partition(0, NULL);
	assert_int_equal(pick(SCHED_NONE, false), SCHED_NONE);
}

static void test_pick_skips_each_state_that_cannot_run(void **state)
{
	static const enum vcpu_state not_runnable[] = { VCPU_BLOCKED, VCPU_HALTED, VCPU_DOWN,
							VCPU_PAUSED };

	(void)state;
	for (size_t i = 0; i < sizeof(not_runnable) / sizeof(not_runnable[0]); i++) {
		/* the highest priority cannot run: the next one down does */
		make_partition(3, (const uint32_t[]){ 1, 9, 5 });
		set_state(1, not_runnable[i]);
		assert_int_equal(pick(SCHED_NONE, false), 2);
		assert_int_equal(pick(1, false), 2);
	}
	/* RUNNING counts as able to run */
	make_partition(2, (const uint32_t[]){ 3, 1 });
	set_state(0, VCPU_RUNNING);
	assert_int_equal(pick(SCHED_NONE, false), 0);
}

static bool shared_after_pick(void)
{
	bool shared = true;

	sched_pick(&part, SCHED_NONE, false, &shared);
	return shared;
}

static void test_pick_tells_whether_the_priority_is_shared(void **state)
{
	(void)state;
	make_partition(3, (const uint32_t[]){ 4, 4, 1 });
	assert_true(shared_after_pick());
	/* a peer that cannot run does not share the CPU */
	set_state(1, VCPU_BLOCKED);
	assert_false(shared_after_pick());
	set_state(1, VCPU_RUNNING);
	assert_true(shared_after_pick());
	/* the lower priority shares once the top one cannot run */
	make_partition(3, (const uint32_t[]){ 4, 1, 1 });
	set_state(0, VCPU_HALTED);
	assert_true(shared_after_pick());
	make_partition(1, (const uint32_t[]){ 4 });
	assert_false(shared_after_pick());
	set_state(0, VCPU_DOWN);
	assert_false(shared_after_pick());
}

/* The rule itself, as a scan over the states: one round from the vcpu after the cursor. */
static int32_t reference_pick(int32_t running, bool rotate, bool *shared)
{
	uint32_t n = vcpu_count, i = part.rr_cursor, at_best = 0;
	int32_t best = SCHED_NONE;

	for (uint32_t k = 0; k < n; k++) {
		uint32_t v = (i + 1 + k) % n;

		if (!may_run(states[v]))
			continue;
		if (best == SCHED_NONE || priority[v] > priority[best]) {
			best = (int32_t)v;
			at_best = 1;
		} else if (priority[v] == priority[best]) {
			at_best++;
		}
	}
	*shared = at_best > 1;
	if (best != SCHED_NONE && !rotate && running != SCHED_NONE && may_run(states[running]) &&
	    priority[running] == priority[best])
		return running;
	return best;
}

/* Every mix of states, priorities (0..2), cursor, running vcpu and rotation for 1 to 4 vcpus. */
static void test_pick_matches_the_rule_in_every_case(void **state)
{
	static const enum vcpu_state mix[] = { VCPU_RUNNABLE, VCPU_RUNNING, VCPU_BLOCKED,
					       VCPU_DOWN };
	uint32_t cases = 0;

	(void)state;
	for (uint32_t n = 1; n <= CONFIG_MAX_VCPUS_PER_PARTITION; n++) {
		uint32_t prio_mixes = 1, state_mixes = 1;

		for (uint32_t i = 0; i < n; i++) {
			prio_mixes *= 3;
			state_mixes *= 4;
		}
		for (uint32_t pm = 0; pm < prio_mixes; pm++) {
			uint32_t prio[CONFIG_MAX_VCPUS_PER_PARTITION];

			for (uint32_t i = 0, x = pm; i < n; i++, x /= 3)
				prio[i] = x % 3;
			make_partition(n, prio);
			for (uint32_t sm = 0; sm < state_mixes; sm++) {
				for (uint32_t i = 0, x = sm; i < n; i++, x /= 4)
					set_state(i, mix[x % 4]);
				for (uint32_t c = 0; c < n; c++)
					for (uint32_t cur = 0; cur <= n; cur++)
						for (int rotate = 0; rotate < 2; rotate++) {
							int32_t running = cur < n ? (int32_t)cur :
										    SCHED_NONE;
							bool got_shared, want_shared;
							int32_t want, got;

							part.rr_cursor = c;
							want = reference_pick(running, rotate,
									      &want_shared);
							got = sched_pick(&part, running, rotate,
									 &got_shared);
							assert_int_equal(got, want);
							assert_int_equal(got_shared, want_shared);
							cases++;
						}
			}
		}
	}
	assert_true(cases > 100000);
}

static int prepare_plans(void **state)
{
	(void)state;
	sched_plan_prepare(&demo_plan);
	sched_plan_prepare(&gapped_plan);
	sched_plan_prepare(&odd_plan);
	return 0;
}

/* Windows and gaps, in order, tiling the frame: the gapped plan has a gap at each end. */
static void test_prepare_cuts_the_frame_into_windows_and_gaps(void **state)
{
	static const int32_t window[] = { SCHED_IDLE, 0, 1, SCHED_IDLE, 2, SCHED_IDLE, 3 };
	static const uint64_t start[] = { 0, 100, 300, 500, 600, 700, 900 };
	const struct sched_plan *plan = &gapped_plan;

	(void)state;
	assert_int_equal(plan->stretch_count, 7);
	for (uint32_t k = 0; k < plan->stretch_count; k++) {
		assert_int_equal(plan->stretches[k].window, window[k]);
		assert_int_equal(plan->stretches[k].start, start[k]);
		assert_int_equal(plan->stretches[k].end, k + 1 < 7 ? start[k + 1] : 1000);
	}
	/* the demo plan ends with a gap that leads to the next frame (next = count) */
	assert_int_equal(demo_plan.stretch_count, 6);
	assert_int_equal(demo_plan.stretches[5].window, SCHED_IDLE);
	assert_int_equal(demo_plan.stretches[5].next, 3);
}

/* The dispatcher's own start: an idle lead-in before frame 0 steps to frame 0's first stretch. */
static void test_slot_next_from_before_frame_zero(void **state)
{
	struct sched_slot s = { .frame = 0, .frame_start = EPOCH, .end = EPOCH, .stretch = UINT32_MAX };

	(void)state;
	slots_plan = &demo_plan;
	/* the lead-in is a gap leading to window 0 */
	assert_int_equal(sched_slot_window(&demo_plan, &s), SCHED_IDLE);
	assert_int_equal(leads_to(&demo_plan, &s), 0);
	sched_slot_next(&demo_plan, &s);
	assert_slot(&s, 0, 0, 1, EPOCH, EPOCH + 200);
	assert_int_equal(s.stretch, 0);
	s = (struct sched_slot){ .frame = 0, .frame_start = EPOCH, .end = EPOCH,
				 .stretch = UINT32_MAX };
	slots_plan = &gapped_plan;
	sched_slot_next(&gapped_plan, &s);
	assert_slot(&s, 0, SCHED_IDLE, 0, EPOCH, EPOCH + 100);
}

/* One window as long as the frame: no gap at all, each step is the next frame's window. */
static void test_one_window_filling_the_frame(void **state)
{
	struct sched_plan plan = { .epoch = EPOCH, .major = 1000, .count = 1,
				   .windows = { { 0, 0, 1000 } } };
	struct sched_slot s;

	(void)state;
	sched_plan_prepare(&plan);
	assert_int_equal(plan.stretch_count, 1);
	s = slot_at(&plan, EPOCH + 2999);
	assert_slot(&s, 2, 0, 1, EPOCH + 2000, EPOCH + 3000);
	sched_slot_next(&plan, &s);
	assert_slot(&s, 3, 0, 1, EPOCH + 3000, EPOCH + 4000);
}

/* Dispatcher time (core/tick32.h): order, extension and clamping across the low half's wrap. */
static void test_tick32_across_the_wrap(void **state)
{
	const uint64_t wrap = 1ull << 32;

	(void)state;
	assert_true(tick32_before(0xfffffff0u, 0x10u));
	assert_false(tick32_before(0x10u, 0xfffffff0u));
	assert_false(tick32_before(5u, 5u));
	assert_true(tick32_before(0x7ffffff0u, 0x80000010u));
	/* the whole clock from a reference on either side of the wrap */
	assert_int_equal(tick32_extend(3 * wrap - 16, 0x10u), 3 * wrap + 16);
	assert_int_equal(tick32_extend(3 * wrap + 16, 0xfffffff0u), 3 * wrap - 16);
	assert_int_equal(tick32_extend(3 * wrap + 16, 0x20u), 3 * wrap + 32);
}

/*
 * Switching between two plans of different frames, back and forth 1,000 times: each switch lands
 * on the boundary where the frame ended, the new plan's first frame starts there exactly, frame
 * numbers go on counting, and sched_slot_at anywhere after a switch agrees with the plan's epoch.
 */
static void test_plan_switch_back_and_forth(void **state)
{
	struct sched_plan a = demo_plan, b = {
		.major = 1500, .count = 2, .windows = { { 1, 0, 300 }, { 2, 800, 400 } },
	};
	struct sched_plan *in = &a;
	struct sched_slot s;
	uint64_t boundary = EPOCH;

	(void)state;
	sched_plan_prepare(&a);
	sched_plan_prepare(&b);
	a.first_frame = 0;
	s = slot_at(&a, EPOCH);
	for (uint32_t n = 0; n < 1000; n++) {
		/* to the end of the frame, a stretch at a time */
		while (!sched_slot_next(in, &s))
			;
		boundary += in->major;
		assert_int_equal(s.frame_start, boundary);
		in = in == &a ? &b : &a;
		sched_plan_switch(in, &s);
		assert_int_equal(in->epoch, boundary);
		assert_int_equal(in->first_frame, n + 1);
		assert_int_equal(s.frame, n + 1);
		assert_int_equal(s.stretch, 0);
		assert_int_equal(s.end, (tick32_t)(boundary + in->stretches[0].end));
		/* a stall's catch-up in the new plan: the same slot from its epoch */
		{
			struct sched_slot again;

			sched_slot_at(in, boundary + in->stretches[0].end - 1, &again);
			assert_int_equal(again.frame, s.frame);
			assert_int_equal(again.frame_start, boundary);
			assert_int_equal(again.stretch, 0);
		}
	}
	/* 500 frames of each: no drift */
	assert_int_equal(boundary, EPOCH + 500 * 1000 + 500 * 1500);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prepare_cuts_the_frame_into_windows_and_gaps),
		cmocka_unit_test(test_slot_at_inside_windows),
		cmocka_unit_test(test_plan_switch_back_and_forth),
		cmocka_unit_test(test_slot_at_idle_between_windows),
		cmocka_unit_test(test_slot_at_idle_after_the_last_window),
		cmocka_unit_test(test_slot_at_idle_before_the_first_window),
		cmocka_unit_test(test_slot_at_back_to_back_windows),
		cmocka_unit_test(test_slot_at_later_frames),
		cmocka_unit_test(test_slot_at_with_epoch_zero),
		cmocka_unit_test(test_slot_next_through_frames),
		cmocka_unit_test(test_slot_next_with_gaps_at_both_ends),
		cmocka_unit_test(test_ten_thousand_slot_next_calls_do_not_drift),
		cmocka_unit_test(test_slot_at_agrees_with_slot_next),
		cmocka_unit_test(test_tick32_across_the_wrap),
		cmocka_unit_test(test_slot_next_from_before_frame_zero),
		cmocka_unit_test(test_one_window_filling_the_frame),
		cmocka_unit_test(test_pick_highest_priority),
		cmocka_unit_test(test_pick_round_robin_from_cursor),
		cmocka_unit_test(test_pick_round_robin_only_among_the_highest),
		cmocka_unit_test(test_pick_keeps_current_unless_rotating),
		cmocka_unit_test(test_pick_without_a_running_vcpu_of_the_partition),
		cmocka_unit_test(test_pick_single_vcpu_rotates_to_itself),
		cmocka_unit_test(test_pick_none_runnable),
		cmocka_unit_test(test_pick_skips_each_state_that_cannot_run),
		cmocka_unit_test(test_pick_tells_whether_the_priority_is_shared),
		cmocka_unit_test(test_pick_matches_the_rule_in_every_case),
	};

	return cmocka_run_group_tests(tests, prepare_plans, NULL);
}
