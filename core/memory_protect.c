/*
 * memory_protect: a partition changes the access of its own pages, within what the image's
 * layout could hold: none (a guard page), read, read and write, read and execute. Never write
 * and execute at once (W^X). The kernel's own accesses on the partition's behalf go through its
 * 1:1 map after guest_ptr's range check, so they are not bound by these (core/guest.h).
 */
#include <core/memory_protect.h>
#include <core/partition.h>
#include <core/guest.h>

static bool prot_allowed(uint32_t prot)
{
	return prot == BH_PROT_NONE || prot == BH_PROT_READ ||
	       prot == (BH_PROT_READ | BH_PROT_WRITE) || prot == (BH_PROT_READ | BH_PROT_EXEC);
}

/* The most pages one call changes: each costs an entry and a TLB invalidation with interrupts
 * off, and a call at the end of a window must not make the next one late (about 3 us here). */
#define PAGES_PER_CALL 64

int32_t hc_memory_protect(struct vcpu *v, uint32_t addr, uint32_t len, uint32_t prot)
{
	struct partition *p = v->partition;

	if (guest_touch_test)
		guest_touch_on_purpose(addr);
	if (addr % BH_PAGE_SIZE || len % BH_PAGE_SIZE || !prot_allowed(prot))
		return BH_EINVAL;
	if (!guest_ptr(p, addr, len))
		return BH_EFAULT;
	if (len > PAGES_PER_CALL * BH_PAGE_SIZE)
		len = PAGES_PER_CALL * BH_PAGE_SIZE;
	if (len) {
		spin_lock(&p->mem.tables_lock);
		arch_aspace_protect(&p->mem.aspace, addr - BH_PARTITION_BASE, len, prot);
		spin_unlock(&p->mem.tables_lock);
		/* its vcpus on other CPUs see the change at their CPU's next kick: a sibling there
		 * may use an old translation until then (docs/smp.md) */
		partition_pages_changed(p);
	}
	return (int32_t)len;
}
