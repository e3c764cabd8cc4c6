/* Checked access to partition memory (the kernel maps all RAM 1:1, see arch_phys_to_virt). */
#include <core/guest.h>
#include <lib/string.h>

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
