/* Build-time sizes of every static table in the kernel. A deployment must fit inside them. */
#ifndef CORE_LIMITS_H
#define CORE_LIMITS_H

#include <public/hypercall.h>

#define CONFIG_MAX_PARTITIONS 8
#define CONFIG_MAX_VCPUS 16                                   /* the vcpu pool */
#define CONFIG_MAX_VCPUS_PER_PARTITION BH_MAX_VCPUS_PER_PARTITION
#define CONFIG_MAX_WINDOWS 32                                 /* a schedule's */
/* a deployment's schedules: a ground, a flight and a degraded mode, and one spare; each costs the
 * kernel a prepared plan (struct sched_plan, 2.3 KiB) */
#define CONFIG_MAX_SCHEDULES 4
#define CONFIG_MAX_CHANNELS 16
/* the CPUs the kernel starts and runs windows on; each costs a prepared plan per schedule */
#define CONFIG_MAX_CPUS 8
#define CONFIG_MAX_PORTS_PER_CHANNEL 4                        /* one source, up to 3 destinations */
#define CONFIG_MAX_DEVICES 4                                  /* devices given to partitions */
#define CONFIG_MAX_IO_RANGES 4                                /* I/O port ranges a device */
#define CONFIG_PAGE_SIZE 4096u
#define CONFIG_PARTITION_MAX_MEMORY (4u << 20)                /* two PAE page tables a partition */
#define CONFIG_DEFAULT_STACK_SIZE (16u << 10)                 /* vcpu 0's, when .stack_size is 0 */
/* Partition memory lives between these physical addresses: above the kernel and boot modules,
 * inside what the kernel maps. */
#define CONFIG_PARTITION_MEMORY_FLOOR (16u << 20)
#define CONFIG_KERNEL_MAPPED_RAM (256u << 20)

#endif
