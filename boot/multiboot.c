/* Multiboot (version 1): check who loaded us and copy out what the loader tells. */
#include <stdint.h>
#include <core/boot_info.h>
#include <core/console.h>
#include <core/arch.h>
#include <core/platform.h>
#include <lib/string.h>

#define MULTIBOOT_LOADER_MAGIC 0x2BADB002u

#define MBI_MEMORY   (1u << 0)
#define MBI_CMDLINE  (1u << 2)
#define MBI_MODULES  (1u << 3)
#define MBI_MMAP     (1u << 6)
#define MBI_LOADER   (1u << 9)

#define MMAP_AVAILABLE 1

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
} __attribute__((packed));

struct multiboot_module {
	uint32_t start, end;
	uint32_t string;
	uint32_t reserved;
} __attribute__((packed));

struct multiboot_mmap_entry {
	uint32_t size;          /* of the rest of the entry */
	uint64_t base;
	uint64_t length;
	uint32_t type;
} __attribute__((packed));

struct boot_info boot_info;

/* "/boot/sensor.elf args" -> "sensor" */
static void module_name(const char *path, char *out, size_t size)
{
	const char *base = path, *end;
	size_t n;

	for (const char *p = path; *p && *p != ' '; p++)
		if (*p == '/')
			base = p + 1;
	end = base;
	while (*end && *end != ' ')
		end++;
	n = (size_t)(end - base);
	if (n > 4 && memcmp(end - 4, ".elf", 4) == 0)
		n -= 4;
	if (n >= size)
		n = size - 1;
	memcpy(out, base, n);
	out[n] = '\0';
}

static void copy_memory_map(const struct multiboot_info *mbi)
{
	uint32_t offset = 0;

	if (!(mbi->flags & MBI_MMAP)) {
		if (mbi->flags & MBI_MEMORY) {
			boot_info.ranges[0].base = 0x100000;
			boot_info.ranges[0].length = (uint64_t)mbi->mem_upper * 1024;
			boot_info.range_count = 1;
			boot_info.memory_total = boot_info.ranges[0].length + (uint64_t)mbi->mem_lower * 1024;
		}
		return;
	}
	while (offset < mbi->mmap_length) {
		const struct multiboot_mmap_entry *e =
			(const void *)(uintptr_t)(mbi->mmap_addr + offset);

		if (e->type == MMAP_AVAILABLE) {
			boot_info.memory_total += e->length;
			if (boot_info.range_count < BOOT_MAX_RANGES) {
				boot_info.ranges[boot_info.range_count].base = e->base;
				boot_info.ranges[boot_info.range_count].length = e->length;
				boot_info.range_count++;
			}
		}
		offset += e->size + sizeof(e->size);
	}
}

static void copy_modules(const struct multiboot_info *mbi)
{
	const struct multiboot_module *m = (const void *)(uintptr_t)mbi->mods_addr;

	if (!(mbi->flags & MBI_MODULES))
		return;
	for (uint32_t i = 0; i < mbi->mods_count; i++) {
		struct boot_module *out;

		if (boot_info.module_count == BOOT_MAX_MODULES) {
			kprintf("bulkhead: warning: more than %d boot modules, the rest ignored\n",
				BOOT_MAX_MODULES);
			break;
		}
		out = &boot_info.modules[boot_info.module_count++];
		out->start = m[i].start;
		out->end = m[i].end;
		module_name(m[i].string ? (const char *)(uintptr_t)m[i].string : "",
			    out->name, sizeof(out->name));
	}
}

const struct boot_module *boot_module_find(const char *name)
{
	for (uint32_t i = 0; i < boot_info.module_count; i++)
		if (strcmp(boot_info.modules[i].name, name) == 0)
			return &boot_info.modules[i];
	return NULL;
}

const struct boot_module *boot_module_overlapping(uint32_t base, uint32_t size)
{
	for (uint32_t i = 0; i < boot_info.module_count; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		if (base < m->end && m->start < base + size)
			return m;
	}
	return NULL;
}

int boot_ram_contains(uint64_t base, uint64_t size)
{
	for (uint32_t i = 0; i < boot_info.range_count; i++) {
		const struct boot_range *r = &boot_info.ranges[i];

		if (base >= r->base && base + size <= r->base + r->length)
			return 1;
	}
	return 0;
}

void boot_main(uint32_t magic, const struct multiboot_info *mbi)
{
	platform_early_init();
	if (magic != MULTIBOOT_LOADER_MAGIC) {
		kprintf("bulkhead: not started by a multiboot loader (eax = 0x%x, expected 0x%x); halting\n",
			magic, MULTIBOOT_LOADER_MAGIC);
		arch_halt();
	}
	if (mbi->flags & MBI_CMDLINE)
		strlcpy(boot_info.cmdline, (const char *)(uintptr_t)mbi->cmdline,
			sizeof(boot_info.cmdline));
	if (mbi->flags & MBI_LOADER)
		strlcpy(boot_info.loader, (const char *)(uintptr_t)mbi->boot_loader_name,
			sizeof(boot_info.loader));
	copy_memory_map(mbi);
	copy_modules(mbi);
	arch_init();
	platform_init();
	kernel_main();
}
