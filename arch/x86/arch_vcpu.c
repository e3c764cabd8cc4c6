/*
 * The x86 side of vcpus: preparing pool slots, initial registers, switching the CPU from one vcpu
 * to another, and lazy x87/SSE switching (CR0.TS: a vcpu pays for the FPU only if it uses it).
 */
#include <stdint.h>
#include <io.h>
#include <segments.h>
#include <core/arch.h>
#include <core/vcpu.h>
#include <lib/string.h>

#define MXCSR_DEFAULT 0x1f80
#define CPUID_FXSR (1u << 24)
#define CPUID_SSE  (1u << 25)
#define KERNEL_STACK_PATTERN 0xa5

/* Read by entry.asm: where the next return to ring 3 pops from, and where C runs on entry. */
context_t *arch_current_context;
uint32_t arch_kernel_stack_top;

static struct vcpu *running;
static struct vcpu *fpu_owner;
static int fpu_trap_armed;        /* mirrors CR0.TS, so a switch need not read CR0 */
static uint32_t loaded_directory;
static uint8_t fpu_template[ARCH_FPU_AREA_SIZE] __attribute__((aligned(16)));

static void set_fpu_trap(int armed)
{
	if (armed == fpu_trap_armed)
		return;
	if (armed)
		write_cr0(read_cr0() | CR0_TS);
	else
		__asm__ volatile("clts");
	fpu_trap_armed = armed;
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
	fpu_trap_armed = 0;
	set_fpu_trap(1);
	return 0;
}

/* #NM: the running vcpu touched the FPU while another vcpu's state is loaded. */
int fpu_switch(void)
{
	if (!running)
		return -1;
	set_fpu_trap(0);
	if (fpu_owner)
		__asm__ volatile("fxsave %0" : "=m"(fpu_owner->arch.fpu));
	__asm__ volatile("fxrstor %0" : : "m"(running->arch.fpu));
	fpu_owner = running;
	return 0;
}

void arch_vcpu_drop_fpu(const struct vcpu *v)
{
	if (fpu_owner == v) {
		fpu_owner = NULL;
		set_fpu_trap(1);
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

void vcpu_initialize(struct vcpu *v, uint32_t entry, uint32_t stack)
{
	context_t *c = &v->arch.user_regs;

	memset(c, 0, sizeof(*c));
	c->gs = c->fs = c->es = c->ds = GDT_USER_DATA;
	c->frame.cs = GDT_USER_CODE;
	c->frame.ss = GDT_USER_DATA;
	arch_context_redirect(c, entry, stack);
	memset(&v->arch.irq, 0, sizeof(v->arch.irq));
	memcpy(v->arch.fpu, fpu_template, sizeof(fpu_template));
	arch_vcpu_drop_fpu(v);
}

void arch_switch_to(struct vcpu *next, const struct arch_aspace *as)
{
	running = next;
	if (!next) {
		arch_current_context = NULL;
		return;
	}
	arch_current_context = &next->arch.user_regs;
	tss_set_kernel_stack((uint32_t)(uintptr_t)(&next->arch.user_regs + 1));
	arch_kernel_stack_top = (uint32_t)(uintptr_t)(next->arch.kernel_stack + ARCH_KERNEL_STACK_SIZE);
	if (as->page_directory != loaded_directory) {
		write_cr3(as->page_directory);
		loaded_directory = as->page_directory;
	}
	set_fpu_trap(next != fpu_owner);
}
