/* Checked access to partition memory (the kernel maps all RAM 1:1, see arch_phys_to_virt). */
#include <core/guest.h>
#include <lib/string.h>

void *guest_ptr(const struct partition *p, uint32_t addr, uint32_t len)
{
	uint32_t offset = addr - BH_PARTITION_BASE;

	/* unsigned arithmetic: an address below the base wraps to a huge offset and fails too */
	if (offset >= p->mem_size || len > p->mem_size - offset)
		return NULL;
	return (uint8_t *)arch_phys_to_virt(p->mem_base) + offset;
}

int32_t copy_from_guest(const struct partition *p, void *dst, uint32_t src, uint32_t len)
{
	const void *from = guest_ptr(p, src, len);

	if (!from)
		return BH_EFAULT;
	memcpy(dst, from, len);
	return 0;
}

int32_t copy_to_guest(const struct partition *p, uint32_t dst, const void *src, uint32_t len)
{
	void *to = guest_ptr(p, dst, len);

	if (!to)
		return BH_EFAULT;
	memcpy(to, src, len);
	return 0;
}
