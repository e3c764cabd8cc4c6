/* The PC's CPUs as the platform's start sees them (cpus.c); core asks through core/platform.h. */
#ifndef PLATFORM_PC_CPUS_H
#define PLATFORM_PC_CPUS_H

/* Before paging (platform_early_init): the CPUs from the firmware's tables, and the local APIC's
 * page asked of the arch. */
void cpus_find(void);

#endif
