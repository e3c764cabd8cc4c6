/*
 * A hostile shared vcpu page: registered at the very end of the partition's memory, then
 * overwritten with random words at every loop (pending, mask, enabled, the time) while a periodic
 * timer and doorbells to itself keep lines coming and syncs and hypercalls keep the kernel
 * looking at it; now and then registered again, or at bad addresses. The kernel and the other
 * partitions must not notice (tests/suites/test_abi2.py).
 */
#include <bulkhead.h>

#define MEMORY_END (BH_PARTITION_BASE + 256 * 1024)   /* tests/configs/abi2.c */
#define PAGE_AT (MEMORY_END - sizeof(struct bh_vcpu_info))

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t upcalls;
static uint32_t across_tries, across_refused;

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)line;
	(void)frame;
	upcalls++;
}

int main(void)
{
	volatile uint32_t *page = (volatile uint32_t *)(uintptr_t)PAGE_AT;
	struct bh_random r;
	int32_t registered;
	uint32_t loops;

	_Static_assert(PAGE_AT % 8 == 0, "the page at the end of memory is aligned");
	bh_random_seed(&r, 0x5eed);
	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	registered = bh_vint_set_info((struct bh_vcpu_info *)(uintptr_t)PAGE_AT);
	printf("page at %x, the last byte of memory at %x: set_info %d\n", (uint32_t)PAGE_AT,
	       MEMORY_END - 1, registered);
	bh_vint_set_timer(15000, 0);
	for (loops = 1;; loops++) {
		for (uint32_t w = 0; w < sizeof(struct bh_vcpu_info) / 4; w++)
			page[w] = bh_random_next(&r);
		switch (loops % 8) {
		case 0: bh_vint_doorbell(BH_SELF, 0); break;
		case 1: bh_vint_sync((volatile struct bh_vcpu_info *)page); break;
		case 2: bh_vint_enable(bh_random_next(&r)); break;
		case 3: bh_vint_mask(bh_random_below(&r, BH_VINT_LINES), bh_random_next(&r) & 1); break;
		case 4:
			/* an even version, or the read waits for the kernel's next rewrite */
			page[offsetof(struct bh_vcpu_info, time_version) / 4] &= ~1u;
			bh_info_time_ns((volatile struct bh_vcpu_info *)page);
			break;
		case 5:
			/* a page reaching past the end of memory: refused, the old one kept */
			across_tries++;
			across_refused += bh_vint_set_info((struct bh_vcpu_info *)(uintptr_t)(PAGE_AT + 8 *
					  (1 + bh_random_below(&r, 4)))) == BH_EFAULT;
			break;
		case 6: bh_vint_set_info((struct bh_vcpu_info *)(uintptr_t)PAGE_AT); break;
		default: bh_nop(); break;
		}
		if (loops == 1000 || loops == 10000)
			printf("alive after %u loops, %u upcalls, %u of %u pages across the end refused\n",
			       loops, upcalls, across_refused, across_tries);
	}
}
