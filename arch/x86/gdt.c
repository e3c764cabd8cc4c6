/*
 * Flat segments for ring 0 and ring 3, the TSS that gives each vcpu its entry stack and each
 * partition given I/O ports its I/O permission bitmap, no LDT. Each AP has a TSS of its own, and
 * its own GDT entry for it (a loaded TSS's descriptor is marked busy): plain, with no I/O bitmap
 * (every port faults in ring 3) until the multicore dispatcher gives it vcpus.
 */
#include <stdint.h>
#include <segments.h>
#include <core/arch.h>
#include <core/cpu.h>
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
/* null, kernel code and data, user code and data, then a TSS per CPU, the boot CPU's first */
#define GDT_FIRST_TSS 5
static struct gdt_entry gdt[GDT_FIRST_TSS + CONFIG_MAX_CPUS];
_Static_assert(GDT_TSS == GDT_FIRST_TSS * 8, "segments.h's GDT_TSS is the boot CPU's TSS");

static void set_entry(int i, uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
	gdt[i].limit_low = limit & 0xffff;
	gdt[i].base_low = base & 0xffff;
	gdt[i].base_mid = (base >> 16) & 0xff;
	gdt[i].access = access;
	gdt[i].flags_limit_high = (uint8_t)(flags | ((limit >> 16) & 0x0f));
	gdt[i].base_high = (uint8_t)(base >> 24);
}

void gdt_init(void)
{
	set_entry(1, 0, 0xfffff, ACCESS_PRESENT | ACCESS_SEGMENT | ACCESS_CODE, FLAGS_4K_32BIT);
	set_entry(2, 0, 0xfffff, ACCESS_PRESENT | ACCESS_SEGMENT | ACCESS_DATA, FLAGS_4K_32BIT);
	set_entry(3, 0, 0xfffff, ACCESS_PRESENT | ACCESS_RING3 | ACCESS_SEGMENT | ACCESS_CODE,
		  FLAGS_4K_32BIT);
	set_entry(4, 0, 0xfffff, ACCESS_PRESENT | ACCESS_RING3 | ACCESS_SEGMENT | ACCESS_DATA,
		  FLAGS_4K_32BIT);
	tss_area.tss.ss0 = GDT_KERNEL_DATA;
	/* no port is open to ring 3 until a partition's address space, given some, is switched to */
	tss_area.tss.iomap_base = ARCH_NO_PORTS;
	set_entry(GDT_FIRST_TSS, (uint32_t)(uintptr_t)&tss_area, sizeof(tss_area) - 1,
		  ACCESS_PRESENT | ACCESS_TSS, 0);
	for (uint32_t i = 0; i < CONFIG_MAX_CPUS - 1; i++) {
		ap_tss[i].ss0 = GDT_KERNEL_DATA;
		ap_tss[i].iomap_base = ARCH_NO_PORTS;
		set_entry(GDT_FIRST_TSS + 1 + (int)i, (uint32_t)(uintptr_t)&ap_tss[i],
			  sizeof(struct tss) - 1, ACCESS_PRESENT | ACCESS_TSS, 0);
	}
	gdt_load(0);
}

void gdt_load(uint32_t cpu)
{
	struct descriptor_pointer gdtr = { sizeof(gdt) - 1, (uint32_t)(uintptr_t)gdt };

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
		"mov %%ax, %%gs\n\t"
		"mov %3, %%ax\n\t"
		"ltr %%ax\n\t"
		/* a null LDT: LDTR's reset value (base 0, limit 0xffff) would let ring 3's TI=1
		 * selectors read "descriptors" from low memory, and write their accessed bit there */
		"xor %%ax, %%ax\n\t"
		"lldt %%ax"
		: : "m"(gdtr), "i"(GDT_KERNEL_CODE), "i"(GDT_KERNEL_DATA), "r"((uint16_t)(GDT_TSS + 8 * cpu))
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
