/*
 * Hands the kernel its own address in a memory_protect call: with test_kernel_touch= on the
 * command line the kernel reads, or executes, that address (or its own data) on purpose inside
 * the call, and must panic with a page fault. The address is a `ret`, so that a kernel without
 * SMEP comes back from it. The call is made with EFLAGS.AC set, which would let the kernel touch
 * user pages under SMAP if its entry did not clear it.
 */
#include <bulkhead.h>

extern char touch_target[];
__asm__(".text\n"
	".balign 4096\n"
	".globl touch_target\n"
	"touch_target:\n\t"
	"ret\n");

#define EFLAGS_AC 0x40000u

int main(void)
{
	int32_t ret;

	printf("memory_protect(0x%x) with the kernel touching it\n", BH_PTR(touch_target));
	__asm__ volatile("pushfl\n\t orl %5, (%%esp)\n\t popfl\n\t"
			 "int $0x80\n\t"
			 "pushfl\n\t andl %6, (%%esp)\n\t popfl"
			 : "=a"(ret)
			 : "a"(BH_HC_MEMORY_PROTECT), "b"(BH_PTR(touch_target)), "c"(BH_PAGE_SIZE),
			   "d"(BH_PROT_READ | BH_PROT_EXEC), "i"(EFLAGS_AC), "i"(~EFLAGS_AC)
			 : "memory", "cc");
	printf("memory_protect returned %d\n", ret);
	bh_set_mode(BH_MODE_IDLE);
	return 0;
}
