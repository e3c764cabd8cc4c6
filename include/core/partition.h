/* A partition: an isolated address space, its vcpus, and its place in the schedule. */
#ifndef CORE_PARTITION_H
#define CORE_PARTITION_H

#include <stdint.h>
#include <stdbool.h>
#include <core/arch.h>
#include <core/limits.h>
#include <core/tick32.h>
#include <core/vcpu.h>
#include <core/elf_loader.h>
#include <core/deferred_output.h>
#include <public/hypercall.h>

struct partition_config;
struct boot_module;

enum partition_mode {
	PARTITION_IDLE = BH_MODE_IDLE,
	PARTITION_COLD_START = BH_MODE_COLD_START,
	PARTITION_WARM_START = BH_MODE_WARM_START,
	PARTITION_NORMAL = BH_MODE_NORMAL,
};

struct partition_stats {
	uint32_t windows_entered;
	uint32_t faults;
	uint32_t restarts;           /* by the health monitor, under the restart limit */
	uint32_t requested_restarts; /* asked for by the partition itself (set_mode): no limit */
	uint64_t span_start;         /* the restart limit counts restarts in [span_start, +span) */
	uint32_t span_restarts;
};

struct partition {
	uint32_t id;
	const char *name;
	const struct partition_config *config;
	const struct boot_module *image;
	uint32_t mem_base;              /* physical */
	uint32_t mem_size;
	struct elf_image elf;           /* the checked image, for cold restarts */
	struct arch_aspace aspace;
	struct vcpu *vcpu_list;         /* linked through next_in_list, in index order */
	struct vcpu *vcpus[CONFIG_MAX_VCPUS_PER_PARTITION];
	uint32_t vcpu_count;
	enum partition_mode mode;
	bool stopped_for_good;          /* the restart limit was reached */
	bool reloading;                 /* a cold restart is rewriting its memory */
	uint32_t reload_offset;         /* bytes rewritten so far */
	uint32_t quantum;               /* clock ticks */
	tick32_t window_start;          /* clock at the start of its current (or last) window */
	uint32_t rr_cursor;             /* round robin: index of the vcpu dispatched last */
	/* bit i: vcpus[i] may have the CPU (RUNNABLE or RUNNING), kept by vcpu_set_state */
	uint32_t runnable;
	/* the vcpus of each distinct priority, highest first (sched_prepare_priorities) */
	uint32_t priority_classes[CONFIG_MAX_VCPUS_PER_PARTITION];
	uint32_t priority_class_count;
	/* no vcpu timer or wait of this partition ends before this clock (dispatch_events_changed
	 * sets it to a time already past, so that the next decision looks again) */
	tick32_t next_event;
	struct partition_stats stats;
	struct console_buffer console;
};

extern struct partition partitions[CONFIG_MAX_PARTITIONS];

/* Every change of a vcpu's state goes through here, so that the runnable bitmap follows. */
static inline void vcpu_set_state(struct vcpu *v, enum vcpu_state state)
{
	uint32_t bit = 1u << v->index;

	v->state = state;
	if (state == VCPU_RUNNABLE || state == VCPU_RUNNING)
		v->partition->runnable |= bit;
	else
		v->partition->runnable &= ~bit;
}
extern uint32_t partition_count;

/* Sets up every configured partition: memory, address space, image, vcpus. Returns 0 or -1. */
int partition_init(void);
/*
 * Warm restart: memory kept, vcpu 0 back at the entry point, the others DOWN, the same pool slots
 * reused. Cheap, so it happens at once.
 */
void partition_warm_restart(struct partition *p);
/*
 * Cold restart: the vcpus stop now; the memory is rewritten from the image page by page inside the
 * partition's own windows (partition_reload_step), so the work never runs into another window.
 */
void partition_cold_restart(struct partition *p);
/* Rewrites the next page of p's memory; after the last, starts vcpu 0 and returns true. When
 * pages are rewritten is the dispatcher's choice (core/dispatch.c, reload). */
bool partition_reload_step(struct partition *p);
/*
 * A page step at its worst, for the dispatcher to time: a page of the reloading partition with
 * the largest image is cleared, then filled with as much of the image as a page holds, through
 * every segment slot; its reload rewrites that page later. Returns false if none is reloading.
 */
bool partition_reload_worst_step(void);
/* Stops every vcpu; the partition's windows then run idle. */
void partition_stop(struct partition *p);
const char *partition_mode_name(enum partition_mode m);

#endif
