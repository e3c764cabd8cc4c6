/*
 * The schedule trace: recording into the ring, and streaming the ring on the arch's trace port.
 * See include/core/trace.h and docs/trace.md.
 *
 * Records are never lost to the ring's reader (GDB sees the newest TRACE_RING_SIZE); the stream
 * may fall behind when the CPU never idles, and then says how many records it missed
 * (TRACE_LOST) instead of delaying anything.
 */
#include <core/trace.h>
#include <lib/plural.h>
#include <core/console.h>
#include <core/partition.h>
#include <core/sched.h>
#include <core/dispatch.h>
#include <core/platform.h>
#include <lib/string.h>

/* Time kept free before the next event until a write is seen to take longer (16 ISA outb: ~16 us). */
#define DRAIN_GUARD_NS 20000
/* ... and at most this: a longer write was stretched by a disturbance (an SMI, the host). */
#define DRAIN_GUARD_MAX_NS 50000
/* At shutdown, a port that accepts nothing for this long is given up. */
#define FLUSH_PATIENCE_NS MS(10)
#define NAME_CHUNK 12

struct trace_record trace_ring[TRACE_RING_SIZE];
struct trace_state trace_state;
uint32_t trace_classes_on;

static uint32_t selected_classes, selected_partitions;
static uint32_t drain_guard;                      /* ticks kept free before the next event */
static uint32_t drain_guard_max;                  /* the most it grows to */
static struct trace_record outgoing;              /* the record on its way to the port */
static uint32_t outgoing_done = sizeof(outgoing); /* its bytes the port took; all: none pending */

static void put(uint8_t type, uint32_t partition, uint32_t vcpu, uint32_t arg, uint64_t time)
{
	struct trace_record *r = &trace_ring[trace_state.head % TRACE_RING_SIZE];

	r->sync = TRACE_SYNC;
	r->type = type;
	r->partition = (uint8_t)partition;
	r->vcpu = (uint8_t)vcpu;
	r->arg = arg;
	r->time = time;
	trace_state.head++;
}

void trace_record(enum trace_event type, uint32_t partition, uint32_t vcpu, uint32_t arg)
{
	/* the boot CPU's events only, for now: one ring, one writer (docs/smp.md's limits) */
	if (this_cpu_index())
		return;
	if (partition != TRACE_NONE && !(trace_state.partitions & (1u << partition)))
		return;
	put((uint8_t)type, partition, vcpu, arg, platform_clock_now());
}

void trace_vcpu_record(enum trace_event type, const struct vcpu *v, uint32_t arg)
{
	trace_record(type, v->partition->id, v->index, arg);
}

void trace_slot_record(enum trace_event type, const struct sched_plan *plan,
		       const struct sched_slot *slot)
{
	int32_t window = sched_slot_window(plan, slot);

	if (window == SCHED_IDLE)
		return;
	trace_record(type, plan->windows[window].partition, TRACE_NONE,
		     (uint32_t)window | (uint32_t)(plan - dispatch_plans[0]) << 8);
}

void trace_schedule_record(uint32_t id, uint64_t at)
{
	put(TRACE_SCHEDULE_SWITCH, TRACE_NONE, TRACE_NONE, id, at);
}

/* A plan's windows, after the record that introduces the plan. */
static void put_windows(const struct sched_plan *plan)
{
	for (uint32_t w = 0; w < plan->count; w++)
		put(TRACE_META_WINDOW, plan->windows[w].partition, w,
		    (uint32_t)plan->windows[w].duration, plan->windows[w].offset);
}

void trace_switch_record(const struct vcpu *from, const struct vcpu *to)
{
	/* a vcpu that blocked or stopped has said so already; only a running one is preempted */
	if (from && from != to && from->state == VCPU_RUNNING)
		trace_vcpu_record(TRACE_PREEMPT, from, 0);
	if (to)
		trace_vcpu_record(TRACE_DISPATCH, to, to == from);
}

/* A name in records of 12 bytes each: 4 in arg, 8 in time, NUL padded. */
static void put_name(uint8_t type, uint32_t id, const char *name)
{
	uint32_t length = (uint32_t)strlen(name);

	for (uint32_t chunk = 0; chunk * NAME_CHUNK < length; chunk++) {
		uint8_t bytes[NAME_CHUNK];
		uint32_t arg;
		uint64_t rest;

		memset(bytes, 0, sizeof(bytes));
		for (uint32_t i = 0; i < NAME_CHUNK && chunk * NAME_CHUNK + i < length; i++)
			bytes[i] = (uint8_t)name[chunk * NAME_CHUNK + i];
		memcpy(&arg, bytes, sizeof(arg));
		memcpy(&rest, bytes + sizeof(arg), sizeof(rest));
		put(type, id, chunk, arg, rest);
	}
}

void trace_select(uint32_t classes, uint32_t partitions)
{
	selected_classes = partitions ? classes : 0;
	selected_partitions = partitions;
}

void trace_start(const struct sched_plan *plan)
{
	uint32_t channels = deployment_channel_count(&deployment);

	if (!selected_classes)
		return;
	trace_state.partitions = selected_partitions;
	/* ticks_to_ns(1e6 ticks) = period in fs, exact even when a tick is not a whole ns */
	trace_state.period_fs = (uint32_t)platform_clock_ticks_to_ns(1000000);
	drain_guard = (uint32_t)platform_clock_ns_to_ticks(DRAIN_GUARD_NS);
	drain_guard_max = (uint32_t)platform_clock_ns_to_ticks(DRAIN_GUARD_MAX_NS);
	trace_state.drain_slack_least = INT64_MAX;
	put(TRACE_META_CLOCK, TRACE_NONE, TRACE_NONE, trace_state.period_fs, 0);
	put(TRACE_META_PLAN, plan->count, (uint32_t)(plan - dispatch_plans[0]), (uint32_t)plan->major,
	    plan->epoch);
	put_windows(plan);
	/* with several schedules, each one (its name is the deployment's) */
	for (uint32_t id = 0; dispatch_plan_count > 1 && id < dispatch_plan_count; id++) {
		struct schedule_view s;

		deployment_schedule(&deployment, id, &s);
		put(TRACE_META_SCHEDULE, id, dispatch_plans[0][id].count, (uint32_t)dispatch_plans[0][id].major,
		    0);
		put_windows(&dispatch_plans[0][id]);
		put_name(TRACE_META_SCHEDULE_NAME, id, s.name);
	}
	for (uint32_t i = 0; i < partition_count; i++) {
		put(TRACE_META_PARTITION, i, partitions[i].vcpu_count, 0, 0);
		put_name(TRACE_META_PARTITION_NAME, i, partitions[i].name);
	}
	for (uint32_t c = 0; c < channels; c++)
		put_name(TRACE_META_CHANNEL_NAME, c, deployment.channels[c].name);
	trace_classes_on = selected_classes;
	/* the stream cannot be decoded without its header: send it now, before any window runs,
	 * rather than risk the ring overrunning it before the first idle moment */
	trace_flush();
}

/* Takes the next record for the stream; a TRACE_LOST first if the ring overran the stream. */
static bool next_outgoing(void)
{
	uint32_t behind = trace_state.head - trace_state.sent;

	if (behind == 0)
		return false;
	if (behind > TRACE_RING_SIZE) {
		uint32_t skipped = behind - TRACE_RING_SIZE;

		trace_state.sent += skipped;
		trace_state.lost += skipped;
		outgoing.sync = TRACE_SYNC;
		outgoing.type = TRACE_LOST;
		outgoing.partition = TRACE_NONE;
		outgoing.vcpu = TRACE_NONE;
		outgoing.arg = skipped;
		/* stamped like the record it precedes, so the stream stays in time order */
		outgoing.time = trace_ring[trace_state.sent % TRACE_RING_SIZE].time;
	} else {
		outgoing = trace_ring[trace_state.sent++ % TRACE_RING_SIZE];
	}
	outgoing_done = 0;
	return true;
}

/* One write to the trace port (it may take nothing); false when nothing is left to stream. */
static bool stream_step(void)
{
	uint32_t n;

	if (outgoing_done == sizeof(outgoing) && !next_outgoing())
		return false;
	n = platform_trace_write((const uint8_t *)&outgoing + outgoing_done,
			     sizeof(outgoing) - outgoing_done);
	outgoing_done += n;
	trace_state.bytes_streamed += n;
	return true;
}

/*
 * Each step starts only if the longest step seen so far still ends before `until`: the next
 * event is late only by how much a step exceeds every earlier one.
 */
void trace_drain(tick32_t until)
{
	tick32_t now = platform_clock_now32();
	bool stepped = false;

	while (tick32_before(now + drain_guard, until) && stream_step()) {
		tick32_t after = platform_clock_now32();

		if (after - now > trace_state.drain_step_worst)
			trace_state.drain_step_worst = after - now;
		/* a step longer than the cap was stretched by a disturbance (an SMI, the host): it must
		 * not keep the stream off every shorter idle stretch from then on */
		if (after - now > drain_guard)
			drain_guard = after - now < drain_guard_max ? after - now : drain_guard_max;
		now = after;
		stepped = true;
	}
	if (stepped && (int32_t)(until - now) < trace_state.drain_slack_least)
		trace_state.drain_slack_least = (int32_t)(until - now);
}

void trace_flush(void)
{
	uint64_t patience = platform_clock_ns_to_ticks(FLUSH_PATIENCE_NS);
	uint64_t progress = platform_clock_now();

	while (trace_classes_on) {
		uint32_t before = trace_state.bytes_streamed;

		if (!stream_step())
			break;
		if (trace_state.bytes_streamed != before)
			progress = platform_clock_now();
		else if (platform_clock_now() - progress > patience)
			break;
	}
}

static int64_t ticks_to_signed_ns(int64_t ticks)
{
	return ticks < 0 ? -(int64_t)platform_clock_ticks_to_ns((uint64_t)-ticks) :
			   (int64_t)platform_clock_ticks_to_ns((uint64_t)ticks);
}

void trace_report(void)
{
	int64_t slack = trace_state.drain_slack_least;

	if (!trace_classes_on)
		return;
	kprintf("bulkhead: trace: %u record%s, %u lost, %u bytes streamed; idle drain: longest write "
		"%llu ns, least slack %lld ns\n", trace_state.head, plural(trace_state.head), trace_state.lost,
		trace_state.bytes_streamed, platform_clock_ticks_to_ns(trace_state.drain_step_worst),
		slack == INT64_MAX ? 0 : ticks_to_signed_ns(slack));
}
