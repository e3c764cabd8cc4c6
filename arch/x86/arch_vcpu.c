/*
 * The x86 side of vcpus: preparing pool slots, initial registers, switching the CPU from one vcpu
 * to another, and lazy x87/SSE switching (CR0.TS: a vcpu pays for the FPU only if it uses it; how
 * the CPU leaves a partition's FPU state behind is arch_fpu_leave in arch_switch.h).
 */
#include <stddef.h>
#include <stdint.h>
#include <io.h>
#include <segments.h>
#include <core/arch.h>
#include <core/vcpu.h>
#include <public/vint.h>
#include <lib/string.h>

_Static_assert(GDT_USER_CODE == BH_USER_CS && GDT_USER_DATA == BH_USER_DS,
	       "the ABI's flat selectors");

#define MXCSR_DEFAULT 0x1f80
#define CPUID_FXSR (1u << 24)
#define CPUID_SSE  (1u << 25)
#define KERNEL_STACK_PATTERN 0xa5

static uint8_t fpu_template[ARCH_FPU_AREA_SIZE] __attribute__((aligned(16)));
/* Where a CPU's next #NM saves the registers it holds (its fpu_held_by): their vcpu's area, or
 * the sink when they belong to nobody (boot, a restarted vcpu), so that every trap saves and
 * costs the same. What lands in the sink is never read, whichever CPU wrote it. */
static uint8_t fpu_sink[ARCH_FPU_AREA_SIZE] __attribute__((aligned(16)));

void arch_set_fpu_trap(struct arch_cpu *cpu, int armed)
{
	if (armed == cpu->fpu_trap_armed)
		return;
	if (armed)
		write_cr0(read_cr0() | CR0_TS);
	else
		__asm__ volatile("clts");
	cpu->fpu_trap_armed = armed;
}

void arch_fpu_cpu_start(void)
{
	struct arch_cpu *cpu = arch_this_cpu();

	cpu->fpu_held_by = fpu_sink;
	/* an AP starts with the boot CPU's CR0, whose TS fpu_init set */
	cpu->fpu_trap_armed = (read_cr0() & CR0_TS) != 0;
	arch_set_fpu_trap(cpu, 1);
}

int fpu_init(void)
{
	uint32_t a, b, c, d, mxcsr = MXCSR_DEFAULT;

	cpuid(1, &a, &b, &c, &d);
	if (!(d & CPUID_FXSR) || !(d & CPUID_SSE))
		return -1;
	write_cr0((read_cr0() & ~CR0_EM) | CR0_MP | CR0_NE);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	__asm__ volatile("clts; fninit; ldmxcsr %1; fxsave %0"
			 : "=m"(fpu_template) : "m"(mxcsr));
	arch_fpu_cpu_start();
	return 0;
}

/*
 * #NM: the running vcpu touched the FPU while the CPU holds another vcpu's registers, or its own
 * since its partition last left the CPU. No branch on whose they are (see arch_fpu_leave).
 * Not handled: AMD CPUs before Zen 2 restore the x87 instruction and data pointers only when an
 * exception is pending (CVE-2006-1056), so there the next vcpu can read the last x87 pointers of
 * the one before; QEMU's TCG restores them, and the suite cannot show the difference.
 */
int fpu_switch(void)
{
	struct arch_cpu *cpu = arch_this_cpu();

	if (!cpu->running)
		return -1;
	arch_set_fpu_trap(cpu, 0);
	__asm__ volatile("fxsave %0; fxrstor %1"
			 : "=m"(*(uint8_t(*)[ARCH_FPU_AREA_SIZE])cpu->fpu_held_by)
			 : "m"(cpu->running->fpu));
	cpu->fpu_held_by = cpu->running->fpu;
	cpu->fpu_owner = cpu->running;
	return 0;
}

void arch_vcpu_drop_fpu(const struct vcpu *v)
{
	struct arch_cpu *cpu = arch_this_cpu();

	/* the registers in the CPU are no longer v's: the next trap must not write over its area */
	if (cpu->fpu_held_by == v->arch.fpu)
		cpu->fpu_held_by = fpu_sink;
	if (cpu->fpu_owner == &v->arch) {
		cpu->fpu_owner = NULL;
		arch_set_fpu_trap(cpu, 1);
	}
}

void alloc_vcpu_struct(struct vcpu *v)
{
	memset(&v->arch, 0, sizeof(v->arch));
	/* a pattern that shows how deep the stack went, and that must never reach a partition */
	memset(v->arch.kernel_stack, KERNEL_STACK_PATTERN, sizeof(v->arch.kernel_stack));
}

uint32_t arch_vcpu_stack_used(const struct vcpu *v)
{
	uint32_t untouched = 0;

	/* the stack grows down from its end: the pattern survives only below the deepest call */
	while (untouched < sizeof(v->arch.kernel_stack) &&
	       v->arch.kernel_stack[untouched] == KERNEL_STACK_PATTERN)
		untouched++;
	return sizeof(v->arch.kernel_stack) - untouched;
}

/* A virtual-8086 frame overflows the context it enters into the 16 bytes before it (trap.c). */
#define OVERFLOW_PRECEDES(type, overflow, context) \
	(offsetof(type, context) == offsetof(type, overflow) + sizeof(((type *)0)->overflow))
_Static_assert(OVERFLOW_PRECEDES(struct arch_vcpu, v86_frame_overflow, user_regs) &&
	       OVERFLOW_PRECEDES(struct interrupt_storage, v86_frame_overflow, frame) &&
	       sizeof(((struct arch_vcpu *)0)->v86_frame_overflow) == 16 &&
	       sizeof(((struct interrupt_storage *)0)->v86_frame_overflow) == 16,
	       "room for a virtual-8086 frame before each context");

/* Registers zero, ring-3 selectors, interrupts on. */
static void reset_user_context(context_t *c, uint32_t eip, uint32_t esp)
{
	memset(c, 0, sizeof(*c));
	c->gs = c->fs = c->es = c->ds = GDT_USER_DATA;
	c->frame.cs = GDT_USER_CODE;
	c->frame.ss = GDT_USER_DATA;
	c->frame.eip = eip;
	c->frame.esp = esp;
	c->frame.eflags = EFLAGS_IF | EFLAGS_RESERVED;
}

void vcpu_initialize(struct vcpu *v, uint32_t entry, uint32_t stack)
{
	reset_user_context(&v->arch.user_regs, entry, stack);
	/* every delivery sets every register of the upcall's frame */
	memset(&v->arch.irq, 0, sizeof(v->arch.irq));
	arch_vcpu_use_context(&v->arch, &v->arch.user_regs);
	memcpy(v->arch.fpu, fpu_template, sizeof(fpu_template));
	arch_vcpu_drop_fpu(v);
}

static bool data_selector_ok(uint32_t sel)
{
	return sel == GDT_USER_DATA || sel == 0;
}

int arch_upcall_install(struct arch_vcpu *a, const struct bh_upcall_frame *f)
{
	context_t *c = &a->user_regs;

	/* ring-3 selectors only, and nothing in eflags that changes what the vcpu may do */
	if (f->cs != GDT_USER_CODE || f->ss != GDT_USER_DATA || !data_selector_ok(f->ds) ||
	    !data_selector_ok(f->es) || !data_selector_ok(f->fs) || !data_selector_ok(f->gs) ||
	    !(f->eflags & BH_FLAG_IF) || (f->eflags & BH_FLAGS_REFUSED))
		return -1;
	c->eax = f->eax; c->ebx = f->ebx; c->ecx = f->ecx; c->edx = f->edx;
	c->esi = f->esi; c->edi = f->edi; c->ebp = f->ebp; c->frame.esp = f->esp;
	c->frame.eip = f->eip; c->frame.eflags = (f->eflags & EFLAGS_USER_WRITABLE) | EFLAGS_RESERVED;
	c->frame.cs = f->cs; c->frame.ss = f->ss;
	c->ds = f->ds; c->es = f->es; c->fs = f->fs; c->gs = f->gs;
	arch_leave_upcall(a);
	return 0;
}
