/* Panic report helpers: the register frame and a frame-pointer backtrace with symbol names. */
#include <stdint.h>
#include <io.h>
#include <core/arch.h>
#include <core/console.h>
#include <core/ksyms.h>

#define MAX_FRAMES 16

extern char __kernel_start[], __kernel_end[];

void arch_dump_context(const context_t *c)
{
	const struct interrupt_frame *f = &c->frame;

	kprintf("  vector %u (%s), error code 0x%08x\n", f->vector, arch_exception_name(f->vector),
		f->error_code);
	kprintf("  eip %08x  cs %04x  eflags %08x\n", f->eip, f->cs, f->eflags);
	kprintf("  eax %08x  ebx %08x  ecx %08x  edx %08x\n", c->eax, c->ebx, c->ecx, c->edx);
	kprintf("  esi %08x  edi %08x  ebp %08x\n", c->esi, c->edi, c->ebp);
	kprintf("  ds %04x  es %04x  fs %04x  gs %04x\n", c->ds, c->es, c->fs, c->gs);
	if (f->cs & 3)
		kprintf("  user esp %08x  ss %04x\n", f->esp, f->ss);
	kprintf("  cr0 %08x  cr2 %08x  cr3 %08x  cr4 %08x\n", read_cr0(), read_cr2(), read_cr3(),
		read_cr4());
}

static void print_address(uint32_t addr)
{
	uint32_t offset;
	const char *name = ksym_lookup(addr, &offset);

	if (name)
		kprintf("    %08x  %s+0x%x\n", addr, name, offset);
	else
		kprintf("    %08x\n", addr);
}

static int inside_kernel(uint32_t addr)
{
	return addr >= (uint32_t)(uintptr_t)__kernel_start && addr < (uint32_t)(uintptr_t)__kernel_end;
}

void arch_backtrace(const context_t *ctx)
{
	uint32_t ebp;

	kprintf("  backtrace:\n");
	if (ctx) {
		print_address(ctx->frame.eip);
		if (ctx->frame.cs & 3)
			return;   /* a partition's stack is not the kernel's to walk */
		ebp = ctx->ebp;
	} else {
		__asm__ volatile("mov %%ebp, %0" : "=r"(ebp));
	}
	for (int i = 0; i < MAX_FRAMES && ebp && !(ebp & 3) && inside_kernel(ebp); i++) {
		const uint32_t *frame = (const uint32_t *)(uintptr_t)ebp;

		print_address(frame[1]);
		ebp = frame[0];
	}
}
