/* Flat segments for ring 0 and ring 3, the TSS that gives each vcpu its entry stack, no LDT. */
#include <stdint.h>
#include <segments.h>

struct gdt_entry {
	uint16_t limit_low;
	uint16_t base_low;
	uint8_t base_mid;
	uint8_t access;
	uint8_t flags_limit_high;
	uint8_t base_high;
} __attribute__((packed));

/* the hardware layout, with no padding to pack away (so &tss.esp0 is an aligned pointer) */
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

static struct gdt_entry gdt[6];
struct tss tss;

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
	struct descriptor_pointer gdtr = { sizeof(gdt) - 1, (uint32_t)(uintptr_t)gdt };

	set_entry(1, 0, 0xfffff, ACCESS_PRESENT | ACCESS_SEGMENT | ACCESS_CODE, FLAGS_4K_32BIT);
	set_entry(2, 0, 0xfffff, ACCESS_PRESENT | ACCESS_SEGMENT | ACCESS_DATA, FLAGS_4K_32BIT);
	set_entry(3, 0, 0xfffff, ACCESS_PRESENT | ACCESS_RING3 | ACCESS_SEGMENT | ACCESS_CODE,
		  FLAGS_4K_32BIT);
	set_entry(4, 0, 0xfffff, ACCESS_PRESENT | ACCESS_RING3 | ACCESS_SEGMENT | ACCESS_DATA,
		  FLAGS_4K_32BIT);
	tss.ss0 = GDT_KERNEL_DATA;
	/* an I/O bitmap offset past the TSS: no port is open to ring 3 */
	tss.iomap_base = sizeof(tss);
	set_entry(5, (uint32_t)(uintptr_t)&tss, sizeof(tss) - 1, ACCESS_PRESENT | ACCESS_TSS, 0);

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
		: : "m"(gdtr), "i"(GDT_KERNEL_CODE), "i"(GDT_KERNEL_DATA), "i"(GDT_TSS) : "eax", "memory");
}
