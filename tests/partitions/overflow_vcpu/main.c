/*
 * Gives vcpu 1 a 16 KiB stack with a guard page below it (bh_stack_guard) and recurses there
 * until it overflows: the health monitor must report a stack overflow of vcpu 1 at that guard
 * page. Vcpu 0 keeps printing its windows until the default action stops the partition.
 */
#include <bulkhead.h>
#include "../recurse.h"

#define PAGE BH_PAGE_SIZE

static uint8_t stack[5 * PAGE] __attribute__((aligned(PAGE)));
static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

static void on_vcpu_1(void *arg)
{
	(void)arg;
	printf("vcpu 1 recursing on [0x%x, 0x%x)\n", BH_PTR(stack + PAGE), BH_PTR(stack + 5 * PAGE));
	printf("vcpu 1 returned %u: no overflow\n", recurse(0));
}

int main(void)
{
	int32_t err = bh_stack_guard(stack);

	printf("guard page at 0x%x: %d\n", BH_PTR(stack), err);
	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	bh_set_mode(BH_MODE_NORMAL);
	bh_vcpu_start(1, on_vcpu_1, NULL, stack + PAGE, 4 * PAGE);
	for (uint32_t seen = 0;;) {
		uint64_t start;

		seen = bh_window_next(seen, &start);
	}
}
