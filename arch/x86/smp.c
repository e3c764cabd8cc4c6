/*
 * Starting an AP, the CPU's part (include/arch/x86/smp.h): the trampoline's page, the registers
 * and stack each AP starts with, and its own GDT entries and TSS (gdt.c). An AP started here only
 * loads its tables, runs the platform's entry (its local APIC) and enters core, which idles it
 * until its dispatcher starts (docs/smp.md).
 */
#include <stddef.h>
#include <stdint.h>
#include <io.h>
#include <cpu.h>
#include <segments.h>
#include <smp.h>
#include <core/arch.h>
#include <core/boot_info.h>
#include <core/console.h>
#include <core/limits.h>
#include <arch_cpu.h>
#include <lib/string.h>

#define PAGE 4096u
/* each AP's own stack, as boot_stack is the boot CPU's: its C code and, later, its idle loop */
#define AP_STACK_SIZE 16384u

/* What ap_boot.asm reads, at the offsets it names. */
struct ap_boot {
	uint32_t cr0, cr3, cr4, efer, stack;
	uint32_t index;
	void (*entry)(uint32_t index);
};
_Static_assert(offsetof(struct ap_boot, cr0) == 0 && offsetof(struct ap_boot, cr3) == 4 &&
	       offsetof(struct ap_boot, cr4) == 8 && offsetof(struct ap_boot, efer) == 12 &&
	       offsetof(struct ap_boot, stack) == 16, "ap_boot.asm's AP_BOOT_* offsets");

/* one AP starts at a time (platform/pc/cpus.c waits for each, or stops it again) */
struct ap_boot ap_boot;
static uint8_t ap_stacks[CONFIG_MAX_CPUS - 1][AP_STACK_SIZE] __attribute__((aligned(16)));

extern const uint8_t ap_trampoline[];
extern const uint32_t ap_trampoline_bytes, ap_trampoline_gdtr_offset;

/* An interrupt at a wake vector only ends the `hlt` it came to (idt.c points them here). */
__asm__(".text\n.globl arch_wake_entry\narch_wake_entry:\n\tiret\n");

uint32_t arch_ap_trampoline(void)
{
	uint8_t *page = arch_phys_to_virt(AP_TRAMPOLINE);
	const struct boot_module *m = boot_module_overlapping(AP_TRAMPOLINE, PAGE);

	if (!boot_ram_contains(AP_TRAMPOLINE, PAGE) || m) {
		kprintf("bulkhead: the AP trampoline's page 0x%x is %s%s: no other CPU started\n",
			AP_TRAMPOLINE, m ? "boot module " : "not usable RAM", m ? m->name : "");
		return 0;
	}
	memcpy(page, ap_trampoline, ap_trampoline_bytes);
	__asm__ volatile("sgdt %0" : "=m"(*(uint8_t (*)[6])(page + ap_trampoline_gdtr_offset)));
	return AP_TRAMPOLINE;
}

void arch_ap_prepare(uint32_t index, void (*entry)(uint32_t index))
{
	ap_boot.cr0 = read_cr0();
	ap_boot.cr3 = read_cr3();
	ap_boot.cr4 = read_cr4();
	/* paging_init set NXE exactly where the CPU has no-execute */
	ap_boot.efer = cpu_has(0x80000001u, CPUID_EDX, CPUID_EXT_EDX_NX) ? EFER_NXE : 0;
	ap_boot.stack = (uint32_t)(uintptr_t)(ap_stacks[index - 1] + AP_STACK_SIZE);
	/* its C code starts on it, and its idle loop takes it back whenever nothing runs */
	arch_cpus[index].idle_stack_top = ap_boot.stack;
	ap_boot.index = index;
	ap_boot.entry = entry;
}

void ap_main(void)
{
	uint32_t index = ap_boot.index;

	gdt_load(index);
	idt_load();
	arch_fpu_cpu_start();
	ap_boot.entry(index);
	core_ap_main(index);
}

void arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt; cli" : : : "memory");
}
