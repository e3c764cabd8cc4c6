/* The x86 part of a vcpu: its registers, its interrupt storage, its FPU state and kernel stack. */
#ifndef ARCH_X86_ARCH_VCPU_H
#define ARCH_X86_ARCH_VCPU_H

#include <stdint.h>
#include <stdbool.h>
#include "context.h"

#define ARCH_KERNEL_STACK_SIZE 2048
#define ARCH_FPU_AREA_SIZE 512
#define ARCH_VINT_LINES 32

/*
 * Virtual interrupts of one vcpu. `pending` and `mask` are bitmaps over the lines of
 * include/public/vint.h.
 */
struct interrupt_storage {
	uint32_t pending;
	uint32_t mask;
	uint32_t enabled;        /* the virtual interrupt-enable flag */
	uint32_t upcall_entry;   /* partition address, 0 = none registered */
	uint32_t upcall_stack;   /* 0 = run the upcall on the interrupted stack */
	uint32_t v86_frame_overflow[4];   /* as before arch_vcpu.user_regs */
	/*
	 * The registers upcalls run on. While one runs, user_regs keeps the context it interrupted
	 * as it was: delivery and vint_return switch contexts and copy none. A delivery sets eip,
	 * esp and eflags; the other registers carry over from the vcpu's previous upcall.
	 */
	context_t upcall_regs;
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
	/* The context the vcpu runs on: &user_regs, or &irq.upcall_regs while an upcall runs. */
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

/* Sends the vcpu's context to eip with stack esp and clean flags (interrupts on), other registers
 * kept. Inline: an upcall delivery ends with it. */
static inline void arch_context_redirect(context_t *c, uint32_t eip, uint32_t esp)
{
	c->frame.eip = eip;
	c->frame.esp = esp;
	c->frame.eflags = EFLAGS_IF | EFLAGS_RESERVED;
}

/* Argument i (1..5) of the hypercall the vcpu is making, and where its result goes. */
#define HYPERCALL_NUMBER(ctx) ((ctx)->eax)
#define HYPERCALL_ARG1(ctx) ((ctx)->ebx)
#define HYPERCALL_ARG2(ctx) ((ctx)->ecx)
#define HYPERCALL_ARG3(ctx) ((ctx)->edx)
#define HYPERCALL_ARG4(ctx) ((ctx)->esi)
#define HYPERCALL_ARG5(ctx) ((ctx)->edi)
#define HYPERCALL_RESULT(ctx) ((ctx)->eax)

#endif
