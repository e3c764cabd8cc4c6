/*
 * The schedule trace: recording into each CPU's ring, and streaming the rings on the arch's
 * trace port. See include/core/trace.h and docs/trace.md.
 *
 * Records are never lost to the ring's reader (GDB sees the newest TRACE_RING_SIZE); the stream
 * may fall behind when the CPUs never idle, and then says how many records of a CPU it missed
 * (TRACE_LOST, with that CPU) instead of delaying anything.
 *
 * Each CPU writes only its own ring, with interrupts off, and no lock: the record, then its head.
 * The stream takes the rings' records in turns, a record each, whichever CPU idles, under the
 * console's lock (core/deferred_output.c); tools/trace.py merges them by time. Merging here
 * would need to know that no busy CPU is about to record an earlier time (a record's clock is
 * read before it is written), so would hold records back; the decoder has the whole stream.
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
/* The stream takes a record while fewer than this many follow it: its slot is not being
 * rewritten by its CPU then, even while that CPU records (the next write is a later slot). */
#define RING_READABLE (TRACE_RING_SIZE - 1)

struct trace_record trace_rings[CONFIG_MAX_CPUS][TRACE_RING_SIZE];
struct trace_state trace_states[CONFIG_MAX_CPUS];
extern struct trace_record trace_ring[TRACE_RING_SIZE] __attribute__((alias("trace_rings")));
extern struct trace_state trace_state __attribute__((alias("trace_states")));
uint32_t trace_classes_on;

static uint32_t selected_classes, selected_partitions;
static uint32_t traced_partitions;                /* bit per partition id traced */
static uint32_t ring_count;                       /* the deployment's CPUs: rings in use */
/* The stream's side, under the console's lock. */
static uint32_t drain_guard;                      /* ticks kept free before the next event */
static uint32_t drain_guard_max;                  /* the most it grows to */
static uint32_t next_ring;                        /* the ring whose turn it is */
/* what is on its way to the port: a record, after a TRACE_LOST if its ring overran the stream */
static struct trace_record outgoing[2];
static uint32_t outgoing_size, outgoing_done;     /* bytes; equal: none pending */
static struct {
	uint32_t bytes;
	uint64_t step_worst;                      /* ticks: the longest single write to the port */
	int64_t slack_least;                      /* ticks: least time left before the next event
						   * after a drain */
} streamed;

/* Writes a record into CPU `cpu`'s ring: only that CPU does. The head follows the record, so
 * that a reader on another CPU that sees the head sees the record. An event's CPU is its ring's:
 * the stream adds it (take_from), the hook pays nothing for it. */
static void put(uint32_t cpu, uint8_t type, uint32_t partition, uint32_t vcpu, uint32_t arg,
		uint64_t time)
{
	struct trace_state *s = &trace_states[cpu];
	uint32_t head = s->head;
	struct trace_record *r = &trace_rings[cpu][head % TRACE_RING_SIZE];

	r->sync = TRACE_SYNC;
	r->type = type;
	r->partition = (uint8_t)partition;
	r->vcpu = (uint8_t)vcpu;
	r->arg = arg;
	r->time = time;
	__atomic_store_n(&s->head, head + 1, __ATOMIC_RELEASE);
}

void trace_record(enum trace_event type, uint32_t partition, uint32_t vcpu, uint32_t arg)
{
	uint32_t cpu;

	if (partition != TRACE_NONE && !(traced_partitions & (1u << partition)))
		return;
	cpu = this_cpu_index();
	put(cpu, (uint8_t)type, partition, vcpu, arg, platform_clock_now());
}

void trace_vcpu_record(enum trace_event type, const struct vcpu *v, uint32_t arg)
{
	trace_record(type, v->partition->id, v->index, arg);
}

void trace_slot_record(enum trace_event type, const struct sched_plan *plan,
		       const struct sched_slot *slot)
{
	int32_t window = sched_slot_window(plan, slot);
	/* the plan is this CPU's row of dispatch_plans: its place there is the schedule's id */
	uint32_t schedule = (uint32_t)(plan - dispatch_plans[this_cpu_index()]);

	if (window == SCHED_IDLE)
		return;
	/* named as the deployment names it: one index across every CPU's windows */
	trace_record(type, plan->windows[window].partition, TRACE_NONE,
		     plan->windows[window].config_index | schedule << 8);
}

void trace_schedule_record(uint32_t id, uint64_t at)
{
	put(this_cpu_index(), TRACE_SCHEDULE_SWITCH, TRACE_NONE, TRACE_NONE, id, at);
}

/* Schedule `id`'s windows on every CPU, after the record that introduces the schedule. */
static void put_windows(uint32_t id)
{
	for (uint32_t k = 0; k < ring_count; k++) {
		const struct sched_plan *plan = &dispatch_plans[k][id];

		for (uint32_t w = 0; w < plan->count; w++)
			put(0, TRACE_META_WINDOW, plan->windows[w].partition,
			    plan->windows[w].config_index, (uint32_t)plan->windows[w].duration,
			    TRACE_TIME(k, plan->windows[w].offset));
	}
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
		put(0, type, id, chunk, arg, rest);
	}
}

void trace_select(uint32_t classes, uint32_t partitions)
{
	selected_classes = partitions ? classes : 0;
	selected_partitions = partitions;
}

/* Vcpu i's CPU in byte i (BH_MAX_VCPUS_PER_PARTITION is 4). */
static uint32_t vcpu_cpus(const struct partition *p)
{
	uint32_t bytes = 0;

	for (uint32_t i = 0; i < p->vcpu_count; i++)
		bytes |= (p->vcpus[i]->cpu & 0xffu) << 8 * i;
	return bytes;
}

void trace_start(const struct sched_plan *plan)
{
	uint32_t channels = deployment_channel_count(&deployment);
	uint32_t period_fs, id = (uint32_t)(plan - dispatch_plans[0]);
	struct schedule_view first;

	if (!selected_classes)
		return;
	traced_partitions = selected_partitions;
	ring_count = dispatch_cpu_count;
	/* ticks_to_ns(1e6 ticks) = period in fs, exact even when a tick is not a whole ns */
	period_fs = (uint32_t)platform_clock_ticks_to_ns(1000000);
	for (uint32_t k = 0; k < ring_count; k++)
		trace_states[k].period_fs = period_fs;
	drain_guard = (uint32_t)platform_clock_ns_to_ticks(DRAIN_GUARD_NS);
	drain_guard_max = (uint32_t)platform_clock_ns_to_ticks(DRAIN_GUARD_MAX_NS);
	streamed.slack_least = INT64_MAX;
	/* the header is the boot CPU's, before any other CPU records */
	put(0, TRACE_META_CLOCK, ring_count, TRACE_NONE, period_fs, TRACE_FORMAT);
	deployment_schedule(&deployment, id, &first);
	put(0, TRACE_META_PLAN, first.window_count, id, (uint32_t)plan->major, plan->epoch);
	put_windows(id);
	/* with several schedules, each one (its name is the deployment's) */
	for (uint32_t i = 0; dispatch_plan_count > 1 && i < dispatch_plan_count; i++) {
		struct schedule_view s;

		deployment_schedule(&deployment, i, &s);
		put(0, TRACE_META_SCHEDULE, i, s.window_count, (uint32_t)dispatch_plans[0][i].major, 0);
		put_windows(i);
		put_name(TRACE_META_SCHEDULE_NAME, i, s.name);
	}
	for (uint32_t i = 0; i < partition_count; i++) {
		put(0, TRACE_META_PARTITION, i, partitions[i].vcpu_count, vcpu_cpus(&partitions[i]), 0);
		put_name(TRACE_META_PARTITION_NAME, i, partitions[i].name);
	}
	for (uint32_t c = 0; c < channels; c++)
		put_name(TRACE_META_CHANNEL_NAME, c, deployment.channels[c].name);
	trace_classes_on = selected_classes;
	/* the stream cannot be decoded without its header: send it now, before any window runs,
	 * rather than risk the ring overrunning it before the first idle moment */
	trace_flush();
}

/*
 * Copies ring k's next record into `outgoing`, after a TRACE_LOST if the ring overran the stream;
 * false if the ring holds nothing new. Its CPU may be recording meanwhile: the copy counts only
 * if the head, read again after it, shows the slot was not reached.
 */
static bool take_from(uint32_t k)
{
	struct trace_state *s = &trace_states[k];
	uint32_t skipped = 0;

	for (;;) {
		uint32_t head = __atomic_load_n(&s->head, __ATOMIC_ACQUIRE);

		if (head == s->sent)
			return false;
		if (head - s->sent > RING_READABLE) {
			skipped += head - s->sent - RING_READABLE;
			s->sent = head - RING_READABLE;
		}
		outgoing[1] = trace_rings[k][s->sent % TRACE_RING_SIZE];
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&s->head, __ATOMIC_RELAXED) - s->sent <= RING_READABLE)
			break;
	}
	/* the ring is its CPU's: the stream says which (the header, the boot CPU's, keeps its data) */
	outgoing[1].time |= TRACE_TIME(k, 0);
	s->sent++;
	outgoing_done = 0;
	outgoing_size = sizeof(outgoing[1]);
	if (skipped) {
		s->lost += skipped;
		outgoing[0] = (struct trace_record){ .sync = TRACE_SYNC, .type = TRACE_LOST,
			.partition = TRACE_NONE, .vcpu = TRACE_NONE, .arg = skipped,
			/* stamped like the record it precedes (its CPU's too): that CPU's records stay
			 * in time order */
			.time = outgoing[1].time };
		outgoing_size = sizeof(outgoing);
	}
	return true;
}

/* The next record for the stream, from the rings in turns; false when every ring is streamed. */
static bool next_outgoing(void)
{
	for (uint32_t tried = 0; tried < ring_count; tried++) {
		uint32_t k = next_ring;

		next_ring = (next_ring + 1) % ring_count;
		if (take_from(k))
			return true;
	}
	return false;
}

/* The pending bytes, from `outgoing_done` on (a lone record sits in outgoing[1]). */
static const uint8_t *pending(void)
{
	return (const uint8_t *)outgoing + sizeof(outgoing) - outgoing_size + outgoing_done;
}

/* One write to the trace port (it may take nothing); false when nothing is left to stream. */
static bool stream_step(void)
{
	uint32_t n;

	if (outgoing_done == outgoing_size && !next_outgoing())
		return false;
	n = platform_trace_write(pending(), outgoing_size - outgoing_done);
	outgoing_done += n;
	streamed.bytes += n;
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

		if (after - now > streamed.step_worst)
			streamed.step_worst = after - now;
		/* a step longer than the cap was stretched by a disturbance (an SMI, the host): it must
		 * not keep the stream off every shorter idle stretch from then on */
		if (after - now > drain_guard)
			drain_guard = after - now < drain_guard_max ? after - now : drain_guard_max;
		now = after;
		stepped = true;
	}
	if (stepped && (int32_t)(until - now) < streamed.slack_least)
		streamed.slack_least = (int32_t)(until - now);
}

void trace_flush(void)
{
	uint64_t patience = platform_clock_ns_to_ticks(FLUSH_PATIENCE_NS);
	uint64_t progress = platform_clock_now();

	while (trace_classes_on) {
		uint32_t before = streamed.bytes;

		if (!stream_step())
			break;
		if (streamed.bytes != before)
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
	int64_t slack = streamed.slack_least;
	uint32_t records = 0, lost = 0;

	if (!trace_classes_on)
		return;
	for (uint32_t k = 0; k < ring_count; k++) {
		records += __atomic_load_n(&trace_states[k].head, __ATOMIC_RELAXED);
		lost += trace_states[k].lost;
	}
	kprintf("bulkhead: trace: %u record%s, %u lost, %u bytes streamed; idle drain: longest write "
		"%llu ns, least slack %lld ns\n", records, plural(records), lost, streamed.bytes,
		platform_clock_ticks_to_ns(streamed.step_worst),
		slack == INT64_MAX ? 0 : ticks_to_signed_ns(slack));
	/* with several CPUs, each one's ring: the header is the boot CPU's */
	for (uint32_t k = 0; ring_count > 1 && k < ring_count; k++) {
		uint32_t made = __atomic_load_n(&trace_states[k].head, __ATOMIC_RELAXED);

		kprintf("bulkhead: trace: cpu %u: %u record%s, %u lost\n", k, made, plural(made),
			trace_states[k].lost);
	}
}
