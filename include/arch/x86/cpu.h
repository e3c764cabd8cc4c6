/* Arch-internal setup steps, called in order by setup.c. */
#ifndef ARCH_X86_CPU_H
#define ARCH_X86_CPU_H

#include <stdbool.h>
#include <stdint.h>

enum cpuid_register { CPUID_EAX, CPUID_EBX, CPUID_ECX, CPUID_EDX };
/* Whether CPUID `leaf` (subleaf 0) has `bit` in `reg`, the leaf being there at all. */
bool cpu_has(uint32_t leaf, enum cpuid_register reg, uint32_t bit);

int fpu_init(void);
/* The calling CPU's lazy FPU state, from its CR0 (fpu_init: the boot CPU's; an AP's start). */
void arch_fpu_cpu_start(void);
/* Switches on what the CPU offers of UMIP (cpu_features.c). */
void cpu_features_init(void);
/* Handles #NM from ring 3; -1 when no vcpu is running (a kernel bug). */
int fpu_switch(void);
void trap_dispatch(void *ctx);

#endif
