/* Access to a partition's memory on its behalf: every range is checked before it is touched. */
#ifndef CORE_GUEST_H
#define CORE_GUEST_H

#include <stdint.h>
#include <core/partition.h>

/* The kernel's pointer to [addr, addr + len) of p's memory, or NULL if any byte is outside it. */
void *guest_ptr(const struct partition *p, uint32_t addr, uint32_t len);
/* 0 or BH_EFAULT. */
int32_t copy_from_guest(const struct partition *p, void *dst, uint32_t src, uint32_t len);
int32_t copy_to_guest(const struct partition *p, uint32_t dst, const void *src, uint32_t len);

#endif
