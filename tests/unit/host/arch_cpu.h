/* The host's stand-in for the arch's per-CPU segment (include/arch/x86/arch_cpu.h): one CPU,
 * whose core struct the test's fakes name (host_this_cpu). */
#ifndef HOST_ARCH_CPU_H
#define HOST_ARCH_CPU_H

#include <stdint.h>

struct cpu;

struct cpu *host_this_cpu(void);

static inline struct cpu *arch_cpu_data(void)
{
	return host_this_cpu();
}

static inline uint32_t arch_cpu_index(void)
{
	return 0;
}

static inline void arch_cpu_relax(void)
{
}

static inline void arch_cpu_attach(uint32_t index, struct cpu *c)
{
	(void)index;
	(void)c;
}

#endif
