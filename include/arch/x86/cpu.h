/* Arch-internal setup steps, called in order by setup.c. */
#ifndef ARCH_X86_CPU_H
#define ARCH_X86_CPU_H

int fpu_init(void);
/* Switches on what the CPU offers of UMIP (cpu_features.c). */
void cpu_features_init(void);
/* Handles #NM from ring 3; -1 when no vcpu is running (a kernel bug). */
int fpu_switch(void);
void trap_dispatch(void *ctx);

#endif
