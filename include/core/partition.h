/* A partition: an isolated address space, its vcpus, and its place in the schedule. */
#ifndef CORE_PARTITION_H
#define CORE_PARTITION_H

#include <stdint.h>
#include <stdbool.h>
#include <core/arch.h>
#include <core/limits.h>
#include <core/vcpu.h>
#include <core/spinlock.h>
#include <core/elf_loader.h>
#include <core/deferred_output.h>
#include <public/hypercall.h>

struct partition_config;
struct sched_partition;
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

/* Its memory (core/partition.c's; the address space is built by the arch). */
struct partition_memory {
	uint32_t base;                  /* physical */
	uint32_t size;
	const struct boot_module *image;
	struct elf_image elf;           /* the checked image, for cold restarts */
	struct arch_aspace aspace;
	/* its page tables: memory_protect on two CPUs, or a restart beside one */
	struct spinlock tables_lock;
};

/* Where it is in its life (core/partition.c's: restarts, reloads, the health monitor's stop). */
struct partition_lifecycle {
	enum partition_mode mode;
	bool stopped_for_good;          /* the restart limit was reached */
	bool reloading;                 /* a cold restart is rewriting its memory */
	uint32_t reload_offset;         /* bytes rewritten so far */
	/* how the present run began (enum bh_start_condition): set by whoever restarts it */
	uint32_t start_condition;
	/* vcpus on other CPUs a cold restart still waits for (partition_reload_here) */
	uint32_t stops_pending;
};

/* What another CPU asks of a partition's first CPU (partition_carry_out); a higher one wins. */
enum partition_request {
	PARTITION_REQUEST_NONE = 0,
	PARTITION_REQUEST_WARM_RESTART,
	PARTITION_REQUEST_COLD_RESTART,
	PARTITION_REQUEST_STOP,
};

/*
 * A partition: who it is, and one part for each owner. Its scheduling state is the scheduler's
 * own: `sched` points at it (as Xen's sched_priv), typed by core/sched.h and kept by
 * core/dispatch.c, which alone writes it.
 */
struct partition {
	uint32_t id;
	const char *name;
	const struct partition_config *config;
	struct partition_memory mem;
	struct partition_lifecycle life;
	struct sched_partition *sched;
	struct vcpu *vcpu_list;         /* linked through next_in_list, in index order */
	struct vcpu *vcpus[CONFIG_MAX_VCPUS_PER_PARTITION];
	uint32_t vcpu_count;
	struct partition_stats stats;
	struct console_buffer console;
};

extern struct partition partitions[CONFIG_MAX_PARTITIONS];

/* The CPU of p's vcpu 0: where its lifecycle (restarts, the reload of its memory) is carried
 * out, and whose windows count as its windows. */
static inline uint32_t partition_home_cpu(const struct partition *p)
{
	return p->vcpus[0]->cpu;
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
/* Each of these three, asked on another CPU than p's first, is carried out there (this one). */
void partition_carry_out(struct partition *p, enum partition_request request);
/* Whether CPU `cpu` may rewrite p's memory now: p's first, once every vcpu is stopped. */
bool partition_reload_here(const struct partition *p, uint32_t cpu);
/* p's page tables changed (memory_protect, a restart): every other CPU that runs its vcpus
 * forgets its translations (cpu_mail_flush_tlb) before it next runs them. */
void partition_pages_changed(const struct partition *p);
/* A stop asked by another CPU (cpu_mail_stop), on v's. */
void partition_vcpu_stopped_elsewhere(struct vcpu *v, enum vcpu_state state);
const char *partition_mode_name(enum partition_mode m);

int32_t hc_partition_status(struct vcpu *v, uint32_t id, uint32_t out);
int32_t hc_partition_set_mode(struct vcpu *v, uint32_t mode);
int32_t hc_partition_info(struct vcpu *v, uint32_t out);

#endif
