/*
 * Hands the kernel its own address in a memory_protect call: with test_kernel_touch= on the
 * command line the kernel reads, or executes, that address (or its own data) on purpose inside
 * the call, and must panic with a page fault. The address is a `ret`, so that a kernel without
 * SMEP comes back from it.
 */
#include <bulkhead.h>

extern char touch_target[];
__asm__(".text\n"
	".balign 4096\n"
	".globl touch_target\n"
	"touch_target:\n\t"
	"ret\n");

int main(void)
{
	printf("memory_protect(0x%x) with the kernel touching it\n", BH_PTR(touch_target));
	printf("memory_protect returned %d\n",
	       bh_memory_protect(touch_target, BH_PAGE_SIZE, BH_PROT_READ | BH_PROT_EXEC));
	bh_set_mode(BH_MODE_IDLE);
	return 0;
}
