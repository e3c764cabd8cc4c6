/*
 * Protection features of the CPU that the kernel switches on when CPUID has them, and the boot
 * line that says which it found.
 */
#include <stdint.h>
#include <io.h>
#include <cpu.h>
#include <core/arch.h>

static bool umip;

/* UMIP: sgdt, sidt, sldt, str and smsw are #GP in ring 3, so that a partition can read neither
 * the kernel's table addresses nor CR0 (whose TS bit shows the lazy FPU switch). */
void cpu_features_init(void)
{
	uint32_t max_leaf, b, c, d;

	cpuid(0, &max_leaf, &b, &c, &d);
	if (max_leaf < 7)
		return;
	cpuid(7, &max_leaf, &b, &c, &d);
	umip = (c & CPUID_7_ECX_UMIP) != 0;
	if (umip)
		write_cr4(read_cr4() | CR4_UMIP);
}

const char *arch_cpu_describe(void)
{
	return umip ? "UMIP on" : "UMIP absent (sgdt, sidt, sldt, str and smsw work in ring 3)";
}
