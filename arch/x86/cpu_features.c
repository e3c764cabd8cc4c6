/*
 * What CPUID says the CPU has, and UMIP, which the kernel switches on when it has it, with the
 * boot line that says so; machine checks too, so that one reaches the kernel's handler (a panic
 * that says so, arch/x86/trap.c) instead of shutting the CPU down unannounced. (Paging's
 * features, NX, SMEP and SMAP, are paging.c's.)
 */
#include <stdint.h>
#include <io.h>
#include <cpu.h>
#include <core/arch.h>

static bool umip;

bool cpu_has(uint32_t leaf, enum cpuid_register reg, uint32_t bit)
{
	uint32_t r[4], max_leaf = leaf & 0x80000000u;

	cpuid(max_leaf, &r[0], &r[1], &r[2], &r[3]);
	if (r[0] < leaf)
		return false;
	cpuid(leaf, &r[0], &r[1], &r[2], &r[3]);
	return (r[reg] & bit) != 0;
}

/* UMIP: sgdt, sidt, sldt, str and smsw are #GP in ring 3, so that a partition can read neither
 * the kernel's table addresses nor CR0 (whose TS bit shows the lazy FPU switch). */
void cpu_features_init(void)
{
	umip = cpu_has(7, CPUID_ECX, CPUID_7_ECX_UMIP);
	if (umip)
		write_cr4(read_cr4() | CR4_UMIP);
	if (cpu_has(1, CPUID_EDX, CPUID_1_EDX_MCE))
		write_cr4(read_cr4() | CR4_MCE);
}

const char *arch_cpu_describe(void)
{
	return umip ? "UMIP on" : "UMIP absent (sgdt, sidt, sldt, str and smsw work in ring 3)";
}
