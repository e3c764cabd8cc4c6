/* Access to a partition's memory on its behalf: every range is checked before it is touched. */
#ifndef CORE_GUEST_H
#define CORE_GUEST_H

#include <stdint.h>
#include <core/partition.h>

/*
 * The kernel's pointer to [addr, addr + len) of p's memory, or NULL if any byte is outside it.
 * Inline: every hypercall with a buffer and every upcall delivery checks one.
 */
static inline void *guest_ptr(const struct partition *p, uint32_t addr, uint32_t len)
{
	uint32_t offset = addr - BH_PARTITION_BASE;

	/* unsigned arithmetic: an address below the base wraps to a huge offset and fails too */
	if (offset >= p->mem_size || len > p->mem_size - offset)
		return NULL;
	return (uint8_t *)arch_phys_to_virt(p->mem_base) + offset;
}
/* 0 or BH_EFAULT. */
int32_t copy_from_guest(const struct partition *p, void *dst, uint32_t src, uint32_t len);
int32_t copy_to_guest(const struct partition *p, uint32_t dst, const void *src, uint32_t len);

#endif
