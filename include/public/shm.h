/*
 * Bulkhead public ABI: shared memory areas.
 * The deployment may name areas of physical memory that several partitions map, each read-only or
 * read-write, at an address of its own inside its shared window below. A partition learns where
 * an area it is listed for lies with shm_open(name); no other partition maps it. A write to a
 * read-only area is a page fault, handled by the health monitor like any other; nothing in an
 * area is ever executable (where the CPU has no-execute). The kernel neither clears nor copies an
 * area: a cold restart of a user reloads only its private memory, and the area keeps its bytes.
 */
#ifndef BULKHEAD_PUBLIC_SHM_H
#define BULKHEAD_PUBLIC_SHM_H

#include "types.h"

#define BH_SHM_NAME_MAX 32                /* including the terminating NUL */
/* Where a partition's shared areas appear: just above the largest private memory (4 MiB from
 * BH_PARTITION_BASE), 4 MiB of it. */
#define BH_SHM_WINDOW_BASE 0x40400000u
#define BH_SHM_WINDOW_SIZE (4u << 20)

/* shm_open's access bits (BH_SHM_WRITE only for a read-write user) */
#define BH_SHM_READ 1u
#define BH_SHM_WRITE 2u

struct bh_shm_info {
	uint32_t address;          /* where the area starts in the caller's space */
	uint32_t size;             /* bytes, a page multiple */
	uint32_t access;           /* BH_SHM_READ, | BH_SHM_WRITE for a read-write user */
	uint32_t reserved;         /* 0 */
};

#endif
