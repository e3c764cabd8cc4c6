/*
 * Switching the CPU between vcpus: which context the next return to ring 3 restores, the kernel
 * stack of the next entry, the address space and the lazy FPU trap. Inline (core reaches it
 * through core/arch.h, which defines struct arch_aspace first): every yield, window boundary
 * and block runs it.
 */
#ifndef ARCH_X86_ARCH_SWITCH_H
#define ARCH_X86_ARCH_SWITCH_H

#include <stddef.h>
#include <stdint.h>
#include <arch_vcpu.h>
#include <io.h>
#include <segments.h>

/* Read by entry.asm: where the next return to ring 3 pops from, and where C runs on entry. */
extern context_t *arch_current_context;
extern uint32_t arch_kernel_stack_top;
/* The vcpu on the CPU, the one whose FPU state the CPU holds, and the loaded page directory. */
extern struct arch_vcpu *arch_running;
extern const struct arch_vcpu *arch_fpu_owner;
extern uint32_t arch_loaded_directory;
/* CR0.TS as last written, so that a switch need not read CR0. */
extern int arch_fpu_trap_armed;

void arch_set_fpu_trap(int armed);

/*
 * Makes `next` the vcpu whose context the next return to ring 3 restores, in address space
 * `as` (both NULL: idle until the next interrupt).
 */
static inline void arch_switch_to(struct arch_vcpu *next, const struct arch_aspace *as)
{
	arch_running = next;
	if (!next) {
		arch_current_context = NULL;
		return;
	}
	arch_current_context = &next->user_regs;
	tss_set_kernel_stack((uint32_t)(uintptr_t)(&next->user_regs + 1));
	arch_kernel_stack_top = (uint32_t)(uintptr_t)(next->kernel_stack + ARCH_KERNEL_STACK_SIZE);
	if (as->page_directory != arch_loaded_directory) {
		write_cr3(as->page_directory);
		arch_loaded_directory = as->page_directory;
	}
	/* a vcpu whose state the CPU does not hold traps on its first FPU instruction */
	if ((next != arch_fpu_owner) != arch_fpu_trap_armed)
		arch_set_fpu_trap(next != arch_fpu_owner);
}

#endif
