/* Checked access to partition memory (the kernel maps all RAM 1:1, see arch_phys_to_virt). */
#include <core/guest.h>
#include <core/console.h>
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

enum cmdline_touch guest_touch_test;

/* A `ret` in the kernel's data: executable only without no-execute. */
static uint8_t data_ret[1] = { 0xc3 };

void guest_touch_on_purpose(uint32_t addr)
{
	kprintf("bulkhead: test_kernel_touch: the kernel touches 0x%08x on purpose\n",
		guest_touch_test == CMDLINE_TOUCH_DATA_EXEC ? (uint32_t)(uintptr_t)data_ret : addr);
	switch (guest_touch_test) {
	case CMDLINE_TOUCH_READ:
		kprintf("bulkhead: test_kernel_touch: read 0x%08x\n", *(volatile uint32_t *)(uintptr_t)addr);
		break;
	case CMDLINE_TOUCH_EXEC:
		((void (*)(void))(uintptr_t)addr)();
		break;
	case CMDLINE_TOUCH_DATA_EXEC:
		((void (*)(void))(uintptr_t)data_ret)();
		break;
	case CMDLINE_TOUCH_NONE:
		break;
	}
	kprintf("bulkhead: test_kernel_touch: no fault\n");
}

int32_t copy_name_from_guest(const struct partition *p, char *dst, uint32_t addr, uint32_t size)
{
	uint32_t room, length = 0;

	if (!guest_ptr(p, addr, 1))
		return BH_EFAULT;
	/* copied first, then read: the partition's memory may change meanwhile */
	room = p->mem.size - (addr - BH_PARTITION_BASE);
	if (room > size)
		room = size;
	copy_from_guest(p, dst, addr, room);
	while (length < room && dst[length])
		length++;
	if (length == room)
		return room < size ? BH_EFAULT : BH_EINVAL;
	return 0;
}
