/*
 * What each CPU keeps for itself (arch/x86/gdt.c): reached through the GS segment, whose base is
 * the CPU's own struct arch_cpu. The kernel loads GS on every entry (entry.asm's SAVE_FRAME), so
 * no CPU ever reads another's by mistake and none needs its APIC id to find itself.
 */
#ifndef ARCH_X86_ARCH_CPU_H
#define ARCH_X86_ARCH_CPU_H

#include <stddef.h>
#include <stdint.h>
#include <arch_vcpu.h>
#include <core/limits.h>

struct cpu;
struct tss;

struct arch_cpu {
	/* read by entry.asm at these offsets (ARCH_CPU_* there) */
	context_t *current_context;        /* what the next return to ring 3 pops, NULL: idle */
	uint32_t kernel_stack_top;         /* where C runs on an entry from ring 3 */
	uint32_t idle_stack_top;           /* the CPU's idle loop's stack */
	struct arch_cpu *self;             /* this struct's address, for C (arch_this_cpu) */
	/* the vcpu on the CPU, the vcpu whose FPU registers it holds (arch_fpu_leave), the
	 * page directory loaded, CR0.TS as last written, where the next #NM saves */
	struct arch_vcpu *running;
	const struct arch_vcpu *fpu_owner;
	uint32_t loaded_directory;
	int fpu_trap_armed;
	uint8_t *fpu_held_by;
	struct tss *tss;                   /* its TSS (the boot CPU's heads struct tss_area) */
	uint32_t index;                    /* 0: the boot CPU, then in start order */
	struct cpu *cpu;                   /* core's struct for this CPU (arch_cpu_attach) */
};
_Static_assert(offsetof(struct arch_cpu, current_context) == 0 &&
	       offsetof(struct arch_cpu, kernel_stack_top) == 4 &&
	       offsetof(struct arch_cpu, idle_stack_top) == 8, "entry.asm's ARCH_CPU_* offsets");

extern struct arch_cpu arch_cpus[CONFIG_MAX_CPUS];

/*
 * The calling CPU's struct arch_cpu in GCC's %gs address space: each field is read or written by
 * one instruction (`mov %eax, %gs:16`), with no pointer to load first or to keep in a register
 * across a call. Measured: a yield 7 instructions fewer than through a pointer, a partition switch
 * 5, a virtual timer's upcall 4 (docs/bench.md). Code that passes the struct on takes
 * arch_this_cpu()'s plain pointer instead; within one function each field is reached one way
 * only (GCC need not see a %gs access and a plain one as the same memory).
 */
extern struct arch_cpu __seg_gs arch_cpu_gs;     /* at 0: linker.ld */
#define ARCH_THIS_CPU (&arch_cpu_gs)

/* The calling CPU's own part, as a plain pointer. */
static inline struct arch_cpu *arch_this_cpu(void)
{
	return ARCH_THIS_CPU->self;
}

/* The calling CPU's index. */
static inline uint32_t arch_cpu_index(void)
{
	return ARCH_THIS_CPU->index;
}

/* Core's per-CPU struct of the calling CPU (include/core/cpu.h's this_cpu). */
static inline struct cpu *arch_cpu_data(void)
{
	return ARCH_THIS_CPU->cpu;
}

/* In a wait on another CPU (a lock): lets a hyperthread sibling, or QEMU's next CPU, run. */
static inline void arch_cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

/* Makes c core's struct of CPU `index` (before that CPU runs any core code). */
void arch_cpu_attach(uint32_t index, struct cpu *c);

#endif
