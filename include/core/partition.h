/* A partition: an isolated address space, its vcpus, and its place in the schedule. */
#ifndef CORE_PARTITION_H
#define CORE_PARTITION_H

#include <stdint.h>
#include <stdbool.h>
#include <core/arch.h>
#include <core/limits.h>
#include <core/vcpu.h>
#include <core/elf_loader.h>
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
	uint32_t restarts;
	uint64_t span_start;         /* the restart limit counts restarts in [span_start, +span) */
	uint32_t span_restarts;
};

#define CONSOLE_LINE_MAX 120

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
	enum partition_mode restart_request;   /* COLD/WARM_START at its next window, else IDLE */
	uint64_t quantum;               /* clock ticks */
	uint64_t window_start;          /* clock at the start of its current (or last) window */
	uint32_t rr_cursor;             /* round robin: index of the vcpu dispatched last */
	struct partition_stats stats;
	uint32_t console_len;
	char console_line[CONSOLE_LINE_MAX];
};

extern struct partition partitions[CONFIG_MAX_PARTITIONS];
extern uint32_t partition_count;

/* Sets up every configured partition: memory, address space, image, vcpus. Returns 0 or -1. */
int partition_init(void);
/*
 * Cold start clears memory and reloads the image; warm start keeps memory. Both put vcpu 0 back at
 * the entry point and the others DOWN, reusing the same pool slots.
 */
void partition_restart(struct partition *p, enum partition_mode how);
/* Stops the vcpus now and restarts at the partition's next window (cold restarts cost time). */
void partition_request_restart(struct partition *p, enum partition_mode how);
/* Stops every vcpu; the partition's windows then run idle. */
void partition_stop(struct partition *p);
const char *partition_mode_name(enum partition_mode m);

#endif
