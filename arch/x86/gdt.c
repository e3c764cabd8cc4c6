/*
 * Flat segments for ring 0 and ring 3, the TSS that gives each vcpu its entry stack and each
 * partition given I/O ports its I/O permission bitmap, no LDT. Each AP has a TSS of its own,
 * plain, with no I/O bitmap: every port faults in ring 3 there (a partition given devices runs on
 * the boot CPU, the validator's rule).
 */
#include <stdint.h>
#include <segments.h>
#include <arch_cpu.h>
#include <core/arch.h>
#include <core/limits.h>
#include <core/panic.h>
#include <lib/string.h>

struct gdt_entry {
	uint16_t limit_low;
	uint16_t base_low;
	uint8_t base_mid;
	uint8_t access;
	uint8_t flags_limit_high;
	uint8_t base_high;
} __attribute__((packed));

/* the hardware layout, with no padding to pack away (so &tss_area.tss.esp0 is an aligned pointer) */
_Static_assert(sizeof(struct tss) == 104, "32-bit TSS layout");

struct descriptor_pointer {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

#define ACCESS_PRESENT  0x80
#define ACCESS_RING3    0x60
#define ACCESS_SEGMENT  0x10
#define ACCESS_CODE     0x0a    /* execute, read */
#define ACCESS_DATA     0x02    /* read, write */
#define ACCESS_TSS      0x09    /* 32-bit available TSS */
#define FLAGS_4K_32BIT  0xc0

/*
 * A bitmap no address space points to is never read, and is filled when one is given it. An
 * address space without ports points past the segment's limit (ARCH_NO_PORTS), so a switch
 * between partitions only stores the offset, and only a device partition's bitmap holds clear
 * bits.
 */
struct tss_area tss_area;
_Static_assert(sizeof(struct tss_area) < ARCH_NO_PORTS, "ARCH_NO_PORTS lies past the TSS's limit");
static uint32_t io_maps_used;

static struct tss ap_tss[CONFIG_MAX_CPUS - 1];
struct arch_cpu arch_cpus[CONFIG_MAX_CPUS];
/*
 * A GDT per CPU, alike but for two entries: its TSS (a loaded TSS's descriptor is marked busy)
 * and its per-CPU segment, whose base is its struct arch_cpu. So every CPU's selectors are the
 * same numbers, and an entry stub loads GS without knowing which CPU it runs on.
 * null, kernel code and data, user code and data, the TSS, the per-CPU segment
 */
#define GDT_ENTRIES 7
static struct gdt_entry gdt[CONFIG_MAX_CPUS][GDT_ENTRIES];
_Static_assert(GDT_TSS == 5 * 8 && GDT_PER_CPU == 6 * 8, "segments.h's selectors");

static void set_entry(uint32_t cpu, int i, uint32_t base, uint32_t limit, uint8_t access,
		      uint8_t flags)
{
	struct gdt_entry *e = &gdt[cpu][i];

	e->limit_low = limit & 0xffff;
	e->base_low = base & 0xffff;
	e->base_mid = (base >> 16) & 0xff;
	e->access = access;
	e->flags_limit_high = (uint8_t)(flags | ((limit >> 16) & 0x0f));
	e->base_high = (uint8_t)(base >> 24);
}

/* boot/entry.asm's stack: the boot CPU's C code ran on it, and its idle loop takes it back */
extern uint8_t boot_stack_top[];

void gdt_init(void)
{
	tss_area.tss.ss0 = GDT_KERNEL_DATA;
	/* no port is open to ring 3 until a partition's address space, given some, is switched to */
	tss_area.tss.iomap_base = ARCH_NO_PORTS;
	for (uint32_t i = 0; i < CONFIG_MAX_CPUS - 1; i++) {
		ap_tss[i].ss0 = GDT_KERNEL_DATA;
		ap_tss[i].iomap_base = ARCH_NO_PORTS;
	}
	for (uint32_t cpu = 0; cpu < CONFIG_MAX_CPUS; cpu++) {
		struct arch_cpu *a = &arch_cpus[cpu];

		a->self = a;
		a->index = cpu;
		a->tss = cpu ? &ap_tss[cpu - 1] : &tss_area.tss;
		set_entry(cpu, 1, 0, 0xfffff, ACCESS_PRESENT | ACCESS_SEGMENT | ACCESS_CODE,
			  FLAGS_4K_32BIT);
		set_entry(cpu, 2, 0, 0xfffff, ACCESS_PRESENT | ACCESS_SEGMENT | ACCESS_DATA,
			  FLAGS_4K_32BIT);
		set_entry(cpu, 3, 0, 0xfffff,
			  ACCESS_PRESENT | ACCESS_RING3 | ACCESS_SEGMENT | ACCESS_CODE, FLAGS_4K_32BIT);
		set_entry(cpu, 4, 0, 0xfffff,
			  ACCESS_PRESENT | ACCESS_RING3 | ACCESS_SEGMENT | ACCESS_DATA, FLAGS_4K_32BIT);
		set_entry(cpu, 5, (uint32_t)(uintptr_t)a->tss,
			  cpu ? sizeof(struct tss) - 1 : sizeof(tss_area) - 1, ACCESS_PRESENT | ACCESS_TSS, 0);
		/* byte granular, ring 0 only: a partition loading it faults */
		set_entry(cpu, 6, (uint32_t)(uintptr_t)a, sizeof(*a) - 1,
			  ACCESS_PRESENT | ACCESS_SEGMENT | ACCESS_DATA, 0x40);
	}
	arch_cpus[0].idle_stack_top = (uint32_t)(uintptr_t)boot_stack_top;
	gdt_load(0);
}

void arch_cpu_attach(uint32_t index, struct cpu *c)
{
	arch_cpus[index].cpu = c;
}

void gdt_load(uint32_t cpu)
{
	struct descriptor_pointer gdtr = { sizeof(gdt[cpu]) - 1, (uint32_t)(uintptr_t)gdt[cpu] };

	__asm__ volatile(
		"lgdt %0\n\t"
		"ljmp %1, $1f\n"
		"1:\n\t"
		"mov %2, %%ax\n\t"
		"mov %%ax, %%ds\n\t"
		"mov %%ax, %%es\n\t"
		"mov %%ax, %%ss\n\t"
		"xor %%ax, %%ax\n\t"
		"mov %%ax, %%fs\n\t"
		"mov %3, %%ax\n\t"
		"mov %%ax, %%gs\n\t"
		"mov %4, %%ax\n\t"
		"ltr %%ax\n\t"
		/* a null LDT: LDTR's reset value (base 0, limit 0xffff) would let ring 3's TI=1
		 * selectors read "descriptors" from low memory, and write their accessed bit there */
		"xor %%ax, %%ax\n\t"
		"lldt %%ax"
		: : "m"(gdtr), "i"(GDT_KERNEL_CODE), "i"(GDT_KERNEL_DATA), "i"(GDT_PER_CPU),
		    "i"(GDT_TSS)
		: "eax", "memory");
}

void arch_aspace_open_ports(struct arch_aspace *as, uint16_t first, uint16_t count)
{
	uint8_t *map;

	if (as->io_map == ARCH_NO_PORTS) {
		if (io_maps_used == CONFIG_MAX_DEVICES)
			panic("more than %d address spaces given I/O ports", CONFIG_MAX_DEVICES);
		as->io_map = (uint16_t)offsetof(struct tss_area, io[io_maps_used]);
		/* closed until opened, here (a deployment without devices pays nothing at boot) */
		memset(tss_area.io[io_maps_used++], 0xff, IO_BITMAP_BYTES + 1);
	}
	map = (uint8_t *)&tss_area + as->io_map;
	for (uint32_t port = first; port < (uint32_t)first + count; port++)
		map[port / 8] &= (uint8_t)~(1u << (port % 8));
}
