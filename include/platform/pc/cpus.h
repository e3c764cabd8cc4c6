/* The PC's CPUs as the platform's start sees them (cpus.c); core asks through core/platform.h. */
#ifndef PLATFORM_PC_CPUS_H
#define PLATFORM_PC_CPUS_H

#include <stdbool.h>

/* Before paging (platform_early_init): the CPUs from the firmware's tables, and the local APIC's
 * page asked of the arch. */
void cpus_find(void);
/* Whether the boot CPU has a local APIC: the tables found one, or CPUID says so. */
bool cpus_have_lapic(void);

#endif
