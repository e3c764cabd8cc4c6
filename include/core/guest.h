/*
 * Access to a partition's memory on its behalf: every range is checked before it is touched, and
 * touched only through the kernel's own supervisor 1:1 map (arch_phys_to_virt), never through the
 * partition's user address. So the kernel needs no `stac` anywhere: SMAP, where the CPU has it,
 * turns any kernel access to a user page into a kernel page fault, whatever routine makes it.
 * That is stricter than a copy routine that opens SMAP around its copy.
 */
#ifndef CORE_GUEST_H
#define CORE_GUEST_H

#include <stdint.h>
#include <core/partition.h>
#include <core/cmdline.h>

/*
 * The kernel's pointer to [addr, addr + len) of p's memory, or NULL if any byte is outside it.
 * Inline: every hypercall with a buffer and every upcall delivery checks one.
 */
static inline void *guest_ptr(const struct partition *p, uint32_t addr, uint32_t len)
{
	uint32_t offset = addr - BH_PARTITION_BASE;

	/* unsigned arithmetic: an address below the base wraps to a huge offset and fails too */
	if (offset >= p->mem.size || len > p->mem.size - offset)
		return NULL;
	return (uint8_t *)arch_phys_to_virt(p->mem.base) + offset;
}
/* 0 or BH_EFAULT. */
int32_t copy_from_guest(const struct partition *p, void *dst, uint32_t src, uint32_t len);
int32_t copy_to_guest(const struct partition *p, uint32_t dst, const void *src, uint32_t len);
/* A NUL-ended name at `addr` into dst[size]: 0, BH_EINVAL when no NUL comes within size bytes,
 * BH_EFAULT when the memory ends before it (the name may end close to the memory's end). */
int32_t copy_name_from_guest(const struct partition *p, char *dst, uint32_t addr, uint32_t size);

/*
 * test_kernel_touch= on the command line (core/cmdline.h): inside the next memory_protect call
 * the kernel does on purpose what it must never do, with the partition's address space loaded:
 * reads `addr` through the partition's own (user) address (SMAP stops it), executes it (SMEP), or
 * executes a byte of its own data (no-execute). Each must end in a kernel page fault panic.
 */
extern enum cmdline_touch guest_touch_test;
void guest_touch_on_purpose(uint32_t addr);

#endif
