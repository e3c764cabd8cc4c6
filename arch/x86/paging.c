/*
 * PAE paging, with no-execute where the CPU has it. The kernel maps the first
 * CONFIG_KERNEL_MAPPED_RAM bytes 1:1, supervisor-only and global: 4 KiB pages for the first 4 MiB
 * (page 0 unmapped; the kernel's text read-only and executable, its rodata and symbol table
 * read-only, its data writable), 2 MiB pages above; everything but the text is no-execute. Each
 * partition gets a page-directory-pointer table that shares the kernel's directories and adds
 * one directory of its own at BH_PARTITION_BASE (the second GiB), whose two page tables map its
 * memory page by page with the access core asks for. It has two sets of those tables: the
 * image's layout, built once at boot, and a copy that memory_protect changes; a restart points
 * the directory back at the layout, so that it costs two entries whatever was changed. Above
 * the memory, the partition's shared window (public/shm.h) has two page tables of its own that
 * map the shared areas it uses, set once at boot and left alone by protect and restart.
 *
 * SMEP and SMAP, where the CPU has them, keep the kernel from executing or touching any user
 * page: the kernel reaches partition memory only through its own 1:1 map (core/guest.h), so it
 * never needs `stac`. Every entry from ring 3 clears EFLAGS.AC (entry.asm), which a partition
 * could otherwise set with popf to switch SMAP off inside the kernel.
 */
#include <stdint.h>
#include <stdbool.h>
#include <io.h>
#include <cpu.h>
#include <paging.h>
#include <core/arch.h>
#include <core/limits.h>
#include <public/shm.h>
#include <core/panic.h>
#include <lib/format.h>
#include <lib/string.h>

#define PTE_PRESENT  (1ull << 0)
#define PTE_WRITE    (1ull << 1)
#define PTE_USER     (1ull << 2)
#define PTE_PWT      (1ull << 3)
#define PTE_PCD      (1ull << 4)
#define PDE_LARGE    (1ull << 7)
#define PTE_GLOBAL   (1ull << 8)
#define PTE_NX       (1ull << 63)
#define ENTRIES      512
#define PAGE         4096u
#define LARGE_PAGE   (2u << 20)
#define GIB_SHIFT    30
/* the kernel's 4 KiB-page region: two tables; the kernel links at 1 MiB (linker.ld) */
#define LOW_TABLES   2
#define LOW_END      (LOW_TABLES * LARGE_PAGE)
/* a partition's memory in 4 KiB pages: CONFIG_PARTITION_MAX_MEMORY in whole tables */
#define PARTITION_PAGES (CONFIG_PARTITION_MAX_MEMORY / PAGE)
#define PARTITION_TABLES (PARTITION_PAGES / ENTRIES)
#define DEVICE_TABLES (DEVICE_WINDOW_SIZE / LARGE_PAGE)
_Static_assert(DEVICE_WINDOW % LARGE_PAGE == 0 && DEVICE_WINDOW_SIZE % LARGE_PAGE == 0 &&
	       DEVICE_WINDOW % (1u << 30) + DEVICE_WINDOW_SIZE <= (1u << 30),
	       "the device window: whole page tables of one directory");

_Static_assert(CONFIG_PARTITION_MAX_MEMORY % LARGE_PAGE == 0, "partition memory in whole tables");
/* the shared window: whole tables right after the memory's, in the partition's directory */
#define SHARED_PAGES (BH_SHM_WINDOW_SIZE / PAGE)
#define SHARED_TABLES (SHARED_PAGES / ENTRIES)
_Static_assert(BH_SHM_WINDOW_BASE == BH_PARTITION_BASE + CONFIG_PARTITION_MAX_MEMORY &&
	       BH_SHM_WINDOW_SIZE % LARGE_PAGE == 0, "the shared window: the tables after the memory's");
_Static_assert(BH_PARTITION_BASE % (1u << GIB_SHIFT) == 0, "partitions own one directory");
_Static_assert(CONFIG_KERNEL_MAPPED_RAM <= (1u << GIB_SHIFT), "kernel RAM in the first GiB");

extern char __kernel_start[], __text_end[], __readonly_end[], __kernel_end[], __ksyms_end[];

typedef uint64_t table_t[ENTRIES] __attribute__((aligned(PAGE)));
typedef uint64_t pdpt_t[4] __attribute__((aligned(32)));

static pdpt_t kernel_pdpt;
static table_t kernel_directory;        /* the first GiB: the kernel's RAM */
static table_t low_table[LOW_TABLES];
static table_t mmio_directory;          /* the fourth GiB: the platform's device memory */
static table_t mmio_table[DEVICE_TABLES];
/* the device pages the platform asked for before paging_init (arch_map_device) */
static uint32_t device_pages[ARCH_DEVICE_PAGES];
static uint32_t device_page_count;
static bool paging_on;
static pdpt_t partition_pdpt[CONFIG_MAX_PARTITIONS];
static table_t partition_directory[CONFIG_MAX_PARTITIONS];
/* each partition's pages twice: as its image lays them out, and as memory_protect changed them */
static uint64_t partition_layout[CONFIG_MAX_PARTITIONS][PARTITION_PAGES]
	__attribute__((aligned(PAGE)));
static uint64_t partition_live[CONFIG_MAX_PARTITIONS][PARTITION_PAGES]
	__attribute__((aligned(PAGE)));
/* each partition's shared window */
static uint64_t partition_shared[CONFIG_MAX_PARTITIONS][SHARED_PAGES] __attribute__((aligned(PAGE)));

static char description[64];
/* PTE_NX when the CPU has no-execute (EFER.NXE on); 0 otherwise, where bit 63 is reserved */
static uint64_t nx;

static uint32_t phys(const void *p)
{
	return (uint32_t)(uintptr_t)p;
}

/* Maps the kernel's pages [start, end) (page aligned, below LOW_END) 1:1 with `flags`. */
static void map_low(uint32_t start, uint32_t end, uint64_t flags)
{
	/* the tables are contiguous: one plain run of 32-bit halves, on the way to the first
	 * partition (a 64-bit loop costs twice the instructions) */
	uint32_t *entry = (uint32_t *)&low_table[0][start / PAGE];
	const uint32_t *stop = (const uint32_t *)&low_table[0][end / PAGE];
	uint32_t low = start | (uint32_t)(PTE_PRESENT | PTE_GLOBAL | flags);
	uint32_t high = (uint32_t)(flags >> 32);

	for (; entry < stop; entry += 2, low += PAGE) {
		entry[0] = low;
		entry[1] = high;
	}
}

/* The partition's directory maps its memory with `pages` (PARTITION_TABLES tables). */
static void point_at(struct arch_aspace *as, const uint64_t *pages)
{
	for (uint32_t i = 0; i < PARTITION_TABLES; i++)
		as->directory[i] = phys(&pages[i * ENTRIES]) | PTE_PRESENT | PTE_WRITE | PTE_USER;
}

static const char *on_off(bool on)
{
	return on ? "on" : "absent";
}

void paging_init(void)
{
	uint32_t cr4 = CR4_PAE | CR4_PGE;
	bool smep = cpu_has(7, CPUID_EBX, CPUID_7_EBX_SMEP), smap = cpu_has(7, CPUID_EBX, CPUID_7_EBX_SMAP);

	if (!cpu_has(1, CPUID_EDX, CPUID_1_EDX_PAE))
		panic("the CPU lacks PAE paging (CPUID 1 EDX bit 6), which no-execute pages need");
	if (cpu_has(0x80000001u, CPUID_EDX, CPUID_EXT_EDX_NX)) {
		/* before any NX bit is set: without NXE bit 63 is reserved */
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
		nx = PTE_NX;
	}
	if (phys(__ksyms_end) > LOW_END)
		panic("the kernel ends at 0x%x, past its 4 KiB pages (0x%x, paging.c)",
		      phys(__ksyms_end), LOW_END);

	/* page 0 stays unmapped so that a NULL dereference in the kernel faults; text read and
	 * execute, rodata and the symbol table read, the rest read and write, none executable */
	map_low(PAGE, phys(__kernel_start), PTE_WRITE | nx);
	map_low(phys(__kernel_start), phys(__text_end), 0);
	map_low(phys(__text_end), phys(__readonly_end), nx);
	map_low(phys(__readonly_end), phys(__kernel_end), PTE_WRITE | nx);
	map_low(phys(__kernel_end), phys(__ksyms_end), nx);
	map_low(phys(__ksyms_end), LOW_END, PTE_WRITE | nx);
	for (uint32_t i = 0; i < LOW_TABLES; i++)
		kernel_directory[i] = phys(low_table[i]) | PTE_PRESENT | PTE_WRITE;
	for (uint32_t i = LOW_TABLES; i < CONFIG_KERNEL_MAPPED_RAM / LARGE_PAGE; i++)
		kernel_directory[i] = (uint64_t)i * LARGE_PAGE | PTE_PRESENT | PTE_WRITE | PDE_LARGE |
				      PTE_GLOBAL | nx;
	for (uint32_t i = 0; i < device_page_count; i++) {
		uint32_t n = (device_pages[i] - DEVICE_WINDOW) / PAGE;

		mmio_table[n / ENTRIES][n % ENTRIES] = device_pages[i] | PTE_PRESENT | PTE_WRITE |
			PTE_PCD | PTE_PWT | PTE_GLOBAL | nx;
	}
	for (uint32_t i = 0; i < DEVICE_TABLES; i++)
		mmio_directory[DEVICE_WINDOW / LARGE_PAGE % ENTRIES + i] = phys(mmio_table[i]) |
			PTE_PRESENT | PTE_WRITE;
	/* a PDPT entry has no access bits: the directories below decide */
	kernel_pdpt[0] = phys(kernel_directory) | PTE_PRESENT;
	kernel_pdpt[DEVICE_WINDOW >> GIB_SHIFT] = phys(mmio_directory) | PTE_PRESENT;

	if (smep)
		cr4 |= CR4_SMEP;
	if (smap)
		cr4 |= CR4_SMAP;
	write_cr4(read_cr4() | cr4);
	write_cr3(phys(kernel_pdpt));
	/* WP: read-only pages stay read-only for the kernel too */
	write_cr0(read_cr0() | CR0_PG | CR0_WP);
	format_string(description, sizeof(description), "PAE, no-execute %s, SMEP %s, SMAP %s",
		      on_off(nx != 0), on_off(smep), on_off(smap));
	paging_on = true;
}

void arch_map_device(uint32_t page)
{
	if (paging_on || device_page_count == ARCH_DEVICE_PAGES || page % PAGE ||
	    page < DEVICE_WINDOW || page - DEVICE_WINDOW >= DEVICE_WINDOW_SIZE)
		panic("arch_map_device(0x%x): %s", page,
		      paging_on ? "paging is already on" :
		      device_page_count == ARCH_DEVICE_PAGES ? "more than ARCH_DEVICE_PAGES pages" :
		      "not a page of the device window (paging.h)");
	device_pages[device_page_count++] = page;
}

const char *arch_paging_describe(void)
{
	return description;
}

void arch_aspace_build(struct arch_aspace *as, unsigned int slot, uint32_t base, uint32_t size)
{
	uint64_t *dir = partition_directory[slot], *pdpt = partition_pdpt[slot];

	as->layout = partition_layout[slot];
	as->live = partition_live[slot];
	as->directory = dir;
	as->base = base;
	as->size = size;
	as->changed = false;
	as->io_map = ARCH_NO_PORTS;
	/* once per partition, at boot: its tables are still zero (bss), every page unmapped */
	point_at(as, as->layout);
	for (uint32_t i = 0; i < SHARED_TABLES; i++)
		dir[PARTITION_TABLES + i] = phys(&partition_shared[slot][i * ENTRIES]) | PTE_PRESENT |
					    PTE_WRITE | PTE_USER;
	as->shared = partition_shared[slot];
	memcpy(pdpt, kernel_pdpt, sizeof(pdpt_t));
	pdpt[BH_PARTITION_BASE >> GIB_SHIFT] = phys(dir) | PTE_PRESENT;
	as->page_directory = phys(pdpt);
}

static uint64_t entry_for(uint32_t prot)
{
	uint64_t entry = PTE_PRESENT | PTE_USER;

	if (prot == BH_PROT_NONE)
		return 0;
	if (prot & BH_PROT_WRITE)
		entry |= PTE_WRITE;
	if (!(prot & BH_PROT_EXEC))
		entry |= nx;
	return entry;
}

static void set_pages(uint64_t *pages, uint32_t base, uint32_t offset, uint32_t len, uint32_t prot,
		      bool loaded)
{
	uint64_t entry = entry_for(prot);
	/* 32-bit halves, as in map_low: a partition's layout is built at boot */
	uint32_t *e = (uint32_t *)&pages[offset / PAGE], *stop = (uint32_t *)&pages[(offset + len) / PAGE];
	uint32_t low = entry ? (base + offset) | (uint32_t)entry : 0, high = (uint32_t)(entry >> 32);
	uint32_t step = entry ? PAGE : 0;

	for (; e < stop; e += 2, low += step) {
		e[0] = low;
		e[1] = high;
	}
	/* the partition's pages are not global: a switch of CR3 flushes them; this one must */
	if (loaded)
		for (uint32_t o = offset; o < offset + len; o += PAGE)
			invlpg(BH_PARTITION_BASE + o);
}

void arch_aspace_layout(struct arch_aspace *as, uint32_t offset, uint32_t len, uint32_t prot)
{
	set_pages(as->layout, as->base, offset, len, prot, false);
}

void arch_aspace_share(struct arch_aspace *as, uint32_t offset, uint32_t phys_base, uint32_t len,
		       bool writable)
{
	/* set_pages maps page `offset` to base + offset: base wraps if the area lies below */
	set_pages(as->shared, phys_base - offset, offset, len,
		  BH_PROT_READ | (writable ? BH_PROT_WRITE : 0), false);
}

void arch_flush_tlb(void)
{
	/* partition pages are never global: a CR3 write drops every translation of them */
	write_cr3(read_cr3());
}

/* The directory and the TLB forget the other tables: CR3 reloaded if these are in use. */
static void switch_tables(struct arch_aspace *as, uint64_t *pages)
{
	point_at(as, pages);
	if (as->page_directory == arch_this_cpu()->loaded_directory)
		write_cr3(as->page_directory);
}

void arch_aspace_protect(struct arch_aspace *as, uint32_t offset, uint32_t len, uint32_t prot)
{
	if (!as->changed) {
		memcpy(as->live, as->layout, as->size / PAGE * sizeof(uint64_t));
		switch_tables(as, as->live);
		as->changed = true;
	}
	set_pages(as->live, as->base, offset, len, prot, as->page_directory == arch_this_cpu()->loaded_directory);
}

void arch_aspace_reset(struct arch_aspace *as)
{
	if (!as->changed)
		return;
	switch_tables(as, as->layout);
	as->changed = false;
}
