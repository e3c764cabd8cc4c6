/* Where every interrupt and exception lands after the entry stub: route it to its handler. */
#include <stdint.h>
#include <stdbool.h>
#include <io.h>
#include <platform_irq.h>
#include <cpu.h>
#include <core/arch.h>
#include <core/panic.h>
#include <core/debug_info.h>

#define VECTOR_NM 7
#define VECTOR_GP 13
#define VECTOR_MC 18
#define EFLAGS_VM (1u << 17)

static const char *const names[32][2] = {
	{ "divide error", "DE" }, { "debug", "DB" }, { "non-maskable interrupt", "NMI" },
	{ "breakpoint", "BP" }, { "overflow", "OF" }, { "bound range exceeded", "BR" },
	{ "invalid opcode", "UD" }, { "device not available", "NM" }, { "double fault", "DF" },
	{ "coprocessor segment overrun", "CSO" }, { "invalid TSS", "TS" },
	{ "segment not present", "NP" }, { "stack-segment fault", "SS" },
	{ "general protection", "GP" }, { "page fault", "PF" }, { "reserved", "15" },
	{ "x87 floating-point error", "MF" }, { "alignment check", "AC" },
	{ "machine check", "MC" }, { "SIMD floating-point error", "XM" },
	{ "virtualization exception", "VE" }, { "control protection", "CP" },
	{ "reserved", "22" }, { "reserved", "23" }, { "reserved", "24" }, { "reserved", "25" },
	{ "reserved", "26" }, { "reserved", "27" }, { "reserved", "28" }, { "reserved", "29" },
	{ "reserved", "30" }, { "reserved", "31" },
};
DEBUG_ARRAY(exception_names, names);     /* {name, mnemonic} per vector */

const char *arch_exception_name(uint32_t vector)
{
	return vector < 32 ? names[vector][0] : "interrupt";
}

const char *arch_exception_mnemonic(uint32_t vector)
{
	return vector < 32 ? names[vector][1] : "INT";
}

static void hardware_interrupt(unsigned int line)
{
	if (platform_irq_is_spurious(line))
		return;
	core_device_interrupt(line);
	platform_irq_end(line);
}

void trap_dispatch(void *arg)
{
	context_t *ctx = arg;
	uint32_t vector = ctx->frame.vector;
	/*
	 * A CPU ignores EFLAGS.VM in an iret below ring 0; QEMU's enters virtual-8086 mode (with the
	 * IOPL the frame asks for). The vcpu's frame then lies 16 bytes below its context, which
	 * cannot be resumed: whatever brought the kernel in, the vcpu has faulted.
	 */
	bool from_v86 = (ctx->frame.eflags & EFLAGS_VM) != 0;
	bool from_user = (ctx->frame.cs & 3) != 0 || from_v86;

	/* the timer has its own entry (entry.asm, isr_32): it arrives here only from v86 mode */
	if (vector >= PLATFORM_IRQ_VECTOR_BASE && vector < PLATFORM_IRQ_VECTOR_BASE + PLATFORM_IRQ_LINES) {
		if (from_v86)
			core_guest_exception(VECTOR_GP, 0, ctx->frame.eip, 0);
		hardware_interrupt(vector - PLATFORM_IRQ_VECTOR_BASE);
		return;
	}
	/* a kick (entry.asm's isr_kick) comes here only from v86 mode; its mail is taken next */
	if (vector == PLATFORM_IRQ_KICK_VECTOR) {
		core_guest_exception(VECTOR_GP, 0, ctx->frame.eip, 0);
		return;
	}
	/* the machine's state can no longer be trusted, whoever ran (cpu_features.c sets CR4.MCE, so
	 * that a machine check comes here instead of shutting the CPU down unannounced) */
	if (vector == VECTOR_MC)
		panic_frame(ctx, "machine check (#MC) while %s ran", from_user ? "a partition" : "the kernel");
	if (from_user) {
		if (vector == VECTOR_NM && !from_v86 && fpu_switch() == 0)
			return;
		core_guest_exception(vector, ctx->frame.error_code, ctx->frame.eip,
				     vector == ARCH_VECTOR_PAGE_FAULT ? read_cr2() : 0);
		return;
	}
	if (vector == ARCH_VECTOR_PAGE_FAULT)
		panic_frame(ctx, "%s (#%s) in the kernel, error code 0x%x, address 0x%08x",
			    arch_exception_name(vector), arch_exception_mnemonic(vector),
			    ctx->frame.error_code, read_cr2());
	panic_frame(ctx, "%s (#%s) in the kernel, error code 0x%x", arch_exception_name(vector),
		    arch_exception_mnemonic(vector), ctx->frame.error_code);
}
