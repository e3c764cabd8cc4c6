/* The x86 part of a vcpu: its registers, its interrupt storage, its FPU state and kernel stack. */
#ifndef ARCH_X86_ARCH_VCPU_H
#define ARCH_X86_ARCH_VCPU_H

#include <stdint.h>
#include <stdbool.h>
#include "context.h"

#define ARCH_KERNEL_STACK_SIZE 2048
#define ARCH_FPU_AREA_SIZE 512
/*
 * Where an upcall runs: the register frame the kernel builds for it. While one runs, user_regs
 * keeps the context it interrupted as it was: delivery and vint_return switch contexts and copy
 * none (vint_return with a context of the partition's copies that one into user_regs).
 */
struct interrupt_storage {
	uint32_t v86_frame_overflow[4];   /* as before arch_vcpu.user_regs */
	context_t frame;
};

struct arch_vcpu {
	/*
	 * A virtual-8086 frame holds four more segment registers than a ring-3 one, so the CPU
	 * stores the rest of it 16 bytes lower, into this. Only QEMU lets ring 3 enter that mode
	 * (see arch/x86/trap.c); the frame is then not a context to resume.
	 */
	uint32_t v86_frame_overflow[4];
	/*
	 * While the vcpu runs on user_regs, TSS.esp0 points at its end, and the entry path fills it
	 * downwards from there (see arch/x86/entry.asm).
	 */
	context_t user_regs;
	struct interrupt_storage irq;
	/* The context the vcpu runs on: &user_regs, or &irq.frame while an upcall runs. */
	context_t *regs;
	uint8_t fpu[ARCH_FPU_AREA_SIZE] __attribute__((aligned(16)));  /* fxsave image */
	uint8_t kernel_stack[ARCH_KERNEL_STACK_SIZE] __attribute__((aligned(16)));
};

struct vcpu;

/* Prepares a fresh pool slot for the arch (clean FPU image, kernel stack pattern). */
void alloc_vcpu_struct(struct vcpu *v);
/* Sets the registers a vcpu starts with: ring-3 selectors, interrupts on, eip and esp. */
void vcpu_initialize(struct vcpu *v, uint32_t entry, uint32_t stack);

static inline bool arch_vcpu_in_upcall(const struct arch_vcpu *a)
{
	return a->regs != &a->user_regs;
}

/*
 * Whether the context a vcpu out of an upcall entered the kernel from can be resumed: not a
 * virtual-8086 frame (see v86_frame_overflow), which lies 16 bytes low, so that the vector slot of
 * user_regs holds its eflags, VM set, where any other entry leaves a vector below 256.
 */
static inline bool arch_vcpu_resumable(const struct arch_vcpu *a)
{
	return a->user_regs.frame.vector < 256;
}

/* The hypercall a context makes: its number, argument i (1..5), and where its result goes. */
static inline uint32_t arch_hypercall_number(const context_t *c)
{
	return c->eax;
}

static inline uint32_t arch_hypercall_arg(const context_t *c, unsigned int i)
{
	switch (i) {
	case 1: return c->ebx;
	case 2: return c->ecx;
	case 3: return c->edx;
	case 4: return c->esi;
	default: return c->edi;
	}
}

static inline void arch_hypercall_set_result(context_t *c, int32_t result)
{
	c->eax = (uint32_t)result;
}

/* The result of the hypercall the vcpu is blocked in (it returns with it when it runs again). */
static inline void arch_vcpu_set_result(struct arch_vcpu *a, int32_t result)
{
	arch_hypercall_set_result(a->regs, result);
}

/* The instruction the vcpu runs next (at a hypercall: the one after it). */
static inline uint32_t arch_vcpu_pc(const struct arch_vcpu *a)
{
	return a->regs->frame.eip;
}

/* The stack pointer the vcpu would take an upcall below (not in an upcall: user_regs'). */
static inline uint32_t arch_vcpu_sp(const struct arch_vcpu *a)
{
	return a->user_regs.frame.esp;
}

#endif
