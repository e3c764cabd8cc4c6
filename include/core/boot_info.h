/* What the boot loader told us, copied out of its structures before anything can overwrite them. */
#ifndef CORE_BOOT_INFO_H
#define CORE_BOOT_INFO_H

#include <stdint.h>

#define BOOT_MAX_MODULES 16
#define BOOT_MODULE_NAME 32
#define BOOT_CMDLINE_MAX 256
#define BOOT_MAX_RANGES 16

struct boot_module {
	uint32_t start;                 /* physical, page aligned */
	uint32_t end;                   /* one past the last byte */
	char name[BOOT_MODULE_NAME];    /* basename of the module path, without ".elf" */
};

struct boot_range {
	uint64_t base;
	uint64_t length;
};

struct boot_info {
	uint64_t memory_total;          /* bytes of usable RAM in the memory map */
	uint32_t range_count;
	struct boot_range ranges[BOOT_MAX_RANGES];   /* usable RAM */
	char cmdline[BOOT_CMDLINE_MAX];
	char loader[32];
	uint32_t module_count;
	struct boot_module modules[BOOT_MAX_MODULES];
};

extern struct boot_info boot_info;
/* The time stamp counter read at the kernel's second instruction (boot/entry.asm). */
extern uint64_t boot_entry_tsc;

/* The boot module called `name`, or NULL. */
const struct boot_module *boot_module_find(const char *name);
/* A boot module with a byte in [base, base + size), or NULL. */
const struct boot_module *boot_module_overlapping(uint32_t base, uint32_t size);
/* Whether [base, base + size) lies inside one usable RAM range. */
int boot_ram_contains(uint64_t base, uint64_t size);

#endif
