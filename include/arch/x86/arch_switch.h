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
#include <arch_cpu.h>
#include <public/vint.h>

/* Every variable below is the calling CPU's (struct arch_cpu, arch_cpu.h). */
void arch_set_fpu_trap(struct arch_cpu *cpu, int armed);

/*
 * The CPU leaves a partition (for another's address space, or idle): whoever runs next traps on
 * its first FPU instruction, and that trap saves the registers the CPU holds, whoever's they are,
 * and loads the runner's. Both steps cost the same whatever ran before, so no partition can tell
 * from CR0.TS (smsw), from the cost of its first FPU instruction or from when its window began
 * whether another used the FPU; the lazy switch works among the vcpus of one partition only.
 */
static inline void arch_fpu_leave(void)
{
	ARCH_THIS_CPU->fpu_owner = NULL;
	write_cr0(read_cr0() | CR0_TS);
	ARCH_THIS_CPU->fpu_trap_armed = 1;
}

/*
 * Makes `next` the vcpu whose context the next return to ring 3 restores, in address space
 * `as` (both NULL: idle until the next interrupt).
 */
static inline void arch_switch_to(struct arch_vcpu *next, const struct arch_aspace *as)
{
	struct tss *tss = ARCH_THIS_CPU->tss;
	uint32_t directory;

	ARCH_THIS_CPU->running = next;
	if (!next) {
		ARCH_THIS_CPU->current_context = NULL;
		arch_fpu_leave();
		return;
	}
	ARCH_THIS_CPU->current_context = next->regs;
	tss->esp0 = (uint32_t)(uintptr_t)(next->regs + 1);
	ARCH_THIS_CPU->kernel_stack_top =
		(uint32_t)(uintptr_t)(next->kernel_stack + ARCH_KERNEL_STACK_SIZE);
	/* read once: the CR3 write clobbers memory, as far as GCC knows */
	directory = as->page_directory;
	if (directory != ARCH_THIS_CPU->loaded_directory) {
		/* the ports it was given, or none: its own I/O bitmap (arch_aspace_open_ports) */
		tss->iomap_base = as->io_map;
		write_cr3(directory);
		ARCH_THIS_CPU->loaded_directory = directory;
		arch_fpu_leave();
	} else if ((next != ARCH_THIS_CPU->fpu_owner) != ARCH_THIS_CPU->fpu_trap_armed) {
		/* a sibling whose state the CPU does not hold traps on its first FPU instruction */
		arch_set_fpu_trap(arch_this_cpu(), next != ARCH_THIS_CPU->fpu_owner);
	}
}

/* Makes c the context vcpu a runs on: the one its next return to ring 3 restores and its next
 * entry from ring 3 fills. */
static inline void arch_vcpu_use_context(struct arch_vcpu *a, context_t *c)
{
	a->regs = c;
	if (__builtin_expect(a == ARCH_THIS_CPU->running, 1)) {
		ARCH_THIS_CPU->current_context = c;
		ARCH_THIS_CPU->tss->esp0 = (uint32_t)(uintptr_t)(c + 1);
	}
}

/*
 * The vcpu's next return to ring 3 enters its upcall at eip with stack esp, in the upcall's own
 * frame, on the registers public/vint.h defines: eax the line, ecx the frame's address, edx the
 * missed periods, the rest zero. The interrupted context stays in user_regs until
 * arch_leave_upcall.
 */
/* The context the vcpu's upcall interrupts, written into its frame f. */
static inline void arch_upcall_save(const struct arch_vcpu *a, struct bh_upcall_frame *f)
{
	const context_t *c = &a->user_regs;

	f->eax = c->eax; f->ebx = c->ebx; f->ecx = c->ecx; f->edx = c->edx;
	f->esi = c->esi; f->edi = c->edi; f->ebp = c->ebp; f->esp = c->frame.esp;
	f->eip = c->frame.eip; f->eflags = c->frame.eflags;
	f->cs = c->frame.cs; f->ss = c->frame.ss;
	f->ds = c->ds; f->es = c->es; f->fs = c->fs; f->gs = c->gs;
}

static inline void arch_enter_upcall(struct arch_vcpu *a, uint32_t eip, uint32_t esp,
				     uint32_t line, uint32_t frame, uint32_t missed)
{
	context_t *c = &a->irq.frame;

	/* c itself as the base, not the vcpu: GCC's i686 tuning writes no constant to an address
	 * 128 bytes or more from its base, and loads each one into a register first (8 more) */
	__asm__("" : "+r"(c));

	c->gs = c->fs = c->es = c->ds = GDT_USER_DATA;
	c->edi = c->esi = c->ebp = c->ebx = 0;
	c->eax = line;
	c->ecx = frame;
	c->edx = missed;
	c->frame.eip = eip;
	c->frame.cs = GDT_USER_CODE;
	c->frame.eflags = EFLAGS_IF | EFLAGS_RESERVED;
	c->frame.esp = esp;
	c->frame.ss = GDT_USER_DATA;
	arch_vcpu_use_context(a, c);
}

/* The vcpu's next return to ring 3 resumes the context its upcall interrupted. */
static inline void arch_leave_upcall(struct arch_vcpu *a)
{
	arch_vcpu_use_context(a, &a->user_regs);
}

#endif
