/*
 * Devices given to partitions (the deployment's devices[]): their I/O ports, open in the owner's
 * address space only (arch_aspace_open_ports), and their interrupt lines, which the kernel masks
 * and acknowledges on arrival and raises as the device's vint line on its vcpu; the partition's
 * irq_done unmasks the line again.
 */
#ifndef CORE_DEVICE_H
#define CORE_DEVICE_H

#include <stdint.h>
#include <core/vcpu.h>
#include <core/deployment.h>

struct device {
	const struct device_config *config;
	struct vcpu *vcpu;              /* where its line is raised (NULL: it has none) */
	uint32_t line;                  /* its hardware line, when vcpu is set */
	uint32_t interrupts;            /* arrivals since boot */
};

extern struct device devices[CONFIG_MAX_DEVICES];
extern uint32_t device_count;

/* After partition_init: opens each device's ports to its partition; every line stays masked
 * until its partition's first irq_done. */
void device_init(void);
int32_t hc_irq_done(struct vcpu *v, uint32_t line);

#endif
