/*
 * Two-level 32-bit paging. The kernel maps the first CONFIG_KERNEL_MAPPED_RAM bytes 1:1,
 * supervisor-only: 4 KiB pages for the first 4 MiB (so text and rodata can be read-only and page 0
 * unmapped), 4 MiB pages above. Each partition gets a page directory that shares those kernel
 * entries and adds one user page table at BH_PARTITION_BASE.
 */
#include <stdint.h>
#include <io.h>
#include <paging.h>
#include <hpet.h>
#include <core/arch.h>
#include <core/limits.h>
#include <lib/string.h>

#define PTE_PRESENT  (1u << 0)
#define PTE_WRITE    (1u << 1)
#define PTE_USER     (1u << 2)
#define PTE_PWT      (1u << 3)
#define PTE_PCD      (1u << 4)
#define PDE_4M       (1u << 7)
#define PTE_GLOBAL   (1u << 8)
#define ENTRIES      1024
#define PAGE         4096u
#define LARGE_PAGE   (4u << 20)

extern char __kernel_start[], __readonly_end[];

typedef uint32_t table_t[ENTRIES] __attribute__((aligned(PAGE)));

static table_t kernel_directory;
static table_t low_table;
static table_t mmio_table;
static table_t partition_directory[CONFIG_MAX_PARTITIONS];
static table_t partition_table[CONFIG_MAX_PARTITIONS];

static uint32_t phys(const void *p)
{
	return (uint32_t)(uintptr_t)p;
}

void paging_init(void)
{
	uint32_t ro_first = phys(__kernel_start) / PAGE, ro_end = (phys(__readonly_end) + PAGE - 1) / PAGE;
	uint32_t entry = PAGE | PTE_PRESENT | PTE_WRITE | PTE_GLOBAL;

	/* the kernel links at 1 MiB (linker.ld); its 4 KiB pages end at 4 MiB, the table's end */
	if (ro_end > ENTRIES)
		ro_end = ENTRIES;

	/* page 0 stays unmapped so a NULL dereference in the kernel faults; the kernel's text and
	 * rodata are read-only. Three plain runs: this is on the way to the first partition. */
	for (uint32_t i = 1; i < ro_first; i++, entry += PAGE)
		low_table[i] = entry;
	for (uint32_t i = ro_first; i < ro_end; i++, entry += PAGE)
		low_table[i] = entry & ~PTE_WRITE;
	for (uint32_t i = ro_end; i < ENTRIES; i++, entry += PAGE)
		low_table[i] = entry;
	kernel_directory[0] = phys(low_table) | PTE_PRESENT | PTE_WRITE;
	for (uint32_t i = 1; i < CONFIG_KERNEL_MAPPED_RAM / LARGE_PAGE; i++)
		kernel_directory[i] = i * LARGE_PAGE | PTE_PRESENT | PTE_WRITE | PDE_4M | PTE_GLOBAL;

	mmio_table[(HPET_BASE / PAGE) % ENTRIES] =
		HPET_BASE | PTE_PRESENT | PTE_WRITE | PTE_PCD | PTE_PWT | PTE_GLOBAL;
	kernel_directory[HPET_BASE / LARGE_PAGE] = phys(mmio_table) | PTE_PRESENT | PTE_WRITE;

	write_cr4(read_cr4() | CR4_PSE | CR4_PGE);
	write_cr3(phys(kernel_directory));
	/* WP: read-only pages stay read-only for the kernel too */
	write_cr0(read_cr0() | CR0_PG | CR0_WP);
}

void arch_aspace_build(struct arch_aspace *as, unsigned int slot, uint32_t base, uint32_t size)
{
	uint32_t *dir = partition_directory[slot], *table = partition_table[slot];

	memcpy(dir, kernel_directory, sizeof(table_t));
	memset(table, 0, sizeof(table_t));
	for (uint32_t i = 0; i < size / PAGE; i++)
		table[i] = (base + i * PAGE) | PTE_PRESENT | PTE_WRITE | PTE_USER;
	dir[BH_PARTITION_BASE / LARGE_PAGE] = phys(table) | PTE_PRESENT | PTE_WRITE | PTE_USER;
	as->page_directory = phys(dir);
}
