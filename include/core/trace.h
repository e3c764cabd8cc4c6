/*
 * The schedule trace: compact, timestamped records of what ran when, kept in a ring buffer per CPU
 * (core/trace.c), streamed on the arch's trace port by whichever CPU would otherwise idle, and
 * read from GDB with bh-trace (tools/gdb/trace.py). tools/trace.py decodes the stream and merges
 * the CPUs' records by time; docs/trace.md describes the format.
 *
 * Hooks are one line each, e.g. trace_vcpu(TRACE_BLOCK, v, arg). With tracing off, or with the
 * event's class not selected, a hook costs one test of a global mask and a branch; the recording
 * itself (partition filter, clock, ring) is out of line.
 */
#ifndef CORE_TRACE_H
#define CORE_TRACE_H

#include <stdint.h>
#include <stdbool.h>
#include <core/deployment.h>
#include <core/tick32.h>
#include <core/limits.h>

struct sched_plan;
struct sched_slot;
struct vcpu;

/*
 * Event types: the enum trace_class bit number times 16, plus a number within the class. The
 * TRACE_META_ records describe the plan; they come first in the stream, and their `time` field
 * holds data, not a time.
 */
enum trace_event {
	/* arg: window index in the plan | schedule id << 8 (0 with one schedule) */
	TRACE_WINDOW_START = 0x00,
	TRACE_WINDOW_END = 0x01,          /* arg: as above; the kernel took the CPU back */
	/* arg: the schedule in force from this frame on; time: the frame's start (exact, the boundary
	 * where the previous frame ended) */
	TRACE_SCHEDULE_SWITCH = 0x02,
	TRACE_DISPATCH = 0x10,            /* arg: 1 when the vcpu kept the CPU with a fresh quantum */
	TRACE_PREEMPT = 0x11,             /* taken off the CPU while still runnable */
	TRACE_BLOCK = 0x12,               /* arg: queuing channel + 1 waited on, 0: virtual interrupts */
	TRACE_WAKE = 0x13,                /* arg: result of the blocking hypercall */
	TRACE_STOP = 0x14,                /* arg: the new enum vcpu_state (halted, paused, down) */
	TRACE_VINT = 0x20,                /* arg: the line delivered */
	TRACE_DEVICE_IRQ = 0x21,          /* arg: hardware line | device vint line << 8, raised on
	                                   * the vcpu; the line is masked until irq_done */
	TRACE_PORT_SEND = 0x30,           /* arg: TRACE_PORT_ARG(channel, length) */
	TRACE_PORT_RECEIVE = 0x31,        /* arg: TRACE_PORT_ARG(channel, length) */
	TRACE_HEALTH = 0x40,              /* arg: enum hm_event | enum hm_action << 8 */
	TRACE_RESTART = 0x41,             /* arg: enum partition_mode (cold or warm start) */
	/* arg: clock tick period in femtoseconds; time: TRACE_FORMAT; partition: the CPU count */
	TRACE_META_CLOCK = 0xf0,
	/* time: epoch; arg: major frame; partition: window count (every CPU's); vcpu: the schedule's
	 * id (the one in force at boot) */
	TRACE_META_PLAN = 0xf1,
	/* partition; vcpu: the window's index in the deployment's windows[]; time: TRACE_TIME(its
	 * CPU, offset); arg: duration */
	TRACE_META_WINDOW = 0xf2,
	/* partition; vcpu: its vcpu count; arg: vcpu i's CPU in byte i */
	TRACE_META_PARTITION = 0xf3,
	TRACE_META_PARTITION_NAME = 0xf4, /* partition; vcpu: chunk k; arg, time: name bytes 12k.. */
	TRACE_META_CHANNEL_NAME = 0xf5,   /* partition: channel; vcpu: chunk k; as above */
	/* with several schedules, after the plan's records, each schedule: partition: its id; vcpu:
	 * its window count; arg: its major frame; then its TRACE_META_WINDOWs and its name */
	TRACE_META_SCHEDULE = 0xf6,
	TRACE_META_SCHEDULE_NAME = 0xf7,  /* partition: schedule id; vcpu: chunk k; as a name above */
	TRACE_LOST = 0xfe,                /* arg: records overwritten before they were streamed */
};

#define TRACE_SYNC 0xb7                /* first byte of every record */
/* The stream's format, in TRACE_META_CLOCK: 2 since records carry their CPU (0 before: one CPU). */
#define TRACE_FORMAT 2
#define TRACE_NONE 0xffu               /* no partition / no vcpu */
#define TRACE_PORT_ARG(channel, length) ((uint32_t)(channel) | (uint32_t)(length) << 16)
#define TRACE_CLASS_OF(type) (1u << ((uint32_t)(type) >> 4))
/* An event's `time` on the wire: the clock in the low 56 bits (22 years of a 100 MHz clock), the
 * CPU whose ring it was recorded in above (0 in the ring itself, which is that CPU's). */
#define TRACE_CPU_SHIFT 56
#define TRACE_TIME(cpu, ticks) ((uint64_t)(ticks) | (uint64_t)(cpu) << TRACE_CPU_SHIFT)

/* 16 bytes, little endian, the same in the ring and on the wire but for the CPU in `time`. */
struct trace_record {
	uint8_t sync;                  /* TRACE_SYNC: a decoder finds record boundaries again */
	uint8_t type;                  /* enum trace_event */
	uint8_t partition;             /* partition id, or TRACE_NONE */
	uint8_t vcpu;                  /* index in the partition, or TRACE_NONE */
	uint32_t arg;
	uint64_t time;                 /* clock ticks (platform_clock_now); TRACE_TIME on the wire */
};
_Static_assert(sizeof(struct trace_record) == 16, "trace records are 16 bytes on the wire");

#define TRACE_RING_SIZE 2048           /* records a CPU; a power of two */

/*
 * One CPU's ring: written by that CPU alone (head), emptied by whichever CPU streams (sent,
 * lost, under the console's lock). It holds records head - TRACE_RING_SIZE .. head - 1. A line
 * of its own, so that a CPU's records do not take another's head from its cache.
 */
struct trace_state {
	uint32_t head;                 /* records written since tracing started */
	uint32_t sent;                 /* records taken from the ring for the stream */
	uint32_t lost;                 /* overwritten before they were streamed */
	uint32_t period_fs;            /* clock tick period, for a reader of this ring alone */
} __attribute__((aligned(64)));

extern struct trace_record trace_rings[CONFIG_MAX_CPUS][TRACE_RING_SIZE];
extern struct trace_state trace_states[CONFIG_MAX_CPUS];
/* The boot CPU's ring and state under the names GDB's bh-trace reads (core/debug_info.c). */
extern struct trace_record trace_ring[TRACE_RING_SIZE];
extern struct trace_state trace_state;
/* enum trace_class bits recorded now; 0 until trace_start and whenever tracing is off. */
extern uint32_t trace_classes_on;

/* Chooses what trace_start will record (from the deployment or the command line). */
void trace_select(uint32_t classes, uint32_t partitions);
/* Starts recording, beginning with the plan (`plan->epoch` set). */
void trace_start(const struct sched_plan *plan);
/* Streams whatever is left, waiting for the port (before shutdown). */
void trace_flush(void);
/* One line of statistics for the end-of-run summary, if tracing is on. */
void trace_report(void);

void trace_record(enum trace_event type, uint32_t partition, uint32_t vcpu, uint32_t arg);
void trace_vcpu_record(enum trace_event type, const struct vcpu *v, uint32_t arg);
void trace_slot_record(enum trace_event type, const struct sched_plan *plan,
		       const struct sched_slot *slot);
void trace_switch_record(const struct vcpu *from, const struct vcpu *to);
void trace_schedule_record(uint32_t id, uint64_t at);
void trace_drain(tick32_t until);

static inline void trace(enum trace_event type, uint32_t partition, uint32_t vcpu, uint32_t arg)
{
	if (__builtin_expect((trace_classes_on & TRACE_CLASS_OF(type)) != 0, 0))
		trace_record(type, partition, vcpu, arg);
}

/* An event of vcpu v. */
static inline void trace_vcpu(enum trace_event type, const struct vcpu *v, uint32_t arg)
{
	if (__builtin_expect((trace_classes_on & TRACE_CLASS_OF(type)) != 0, 0))
		trace_vcpu_record(type, v, arg);
}

/* TRACE_WINDOW_START/END for the slot, if it is a window (idle gaps are not recorded). */
static inline void trace_slot(enum trace_event type, const struct sched_plan *plan,
			      const struct sched_slot *slot)
{
	if (__builtin_expect((trace_classes_on & TRACE_CLASS_OF(type)) != 0, 0))
		trace_slot_record(type, plan, slot);
}

/* The CPU passes from `from` to `to` (either NULL: idle): preempted, then dispatched. */
static inline void trace_switch(const struct vcpu *from, const struct vcpu *to)
{
	if (__builtin_expect((trace_classes_on & TRACE_CLASS_VCPU) != 0, 0))
		trace_switch_record(from, to);
}

/* Schedule `id` is in force from `at` (clock ticks, the start of its first frame) on. */
static inline void trace_schedule_switch(uint32_t id, uint64_t at)
{
	if (__builtin_expect((trace_classes_on & TRACE_CLASS_OF(TRACE_SCHEDULE_SWITCH)) != 0, 0))
		trace_schedule_record(id, at);
}

/* With the CPU idle until `until` (the clock's low half), streams records until shortly before then. */
static inline void trace_idle(tick32_t until)
{
	if (__builtin_expect(trace_classes_on != 0, 0))
		trace_drain(until);
}

#endif
