/*
 * Misuse: upcalls on the interrupted stack, then the stack pointer moved 16 bytes above the
 * bottom of the partition's memory, where no upcall frame fits. The timer's delivery is refused
 * and reported as a vcpu misuse with that stack top.
 */
#include <bulkhead.h>

static void on_timer(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	printf("upcall for line %u: the misuse was not seen\n", line);
}

int main(void)
{
	bh_upcall_register(on_timer, NULL, 0);
	bh_vint_mask(BH_VINT_WINDOW_START, 1);
	bh_vint_enable(1);
	printf("stack top moves to 0x%08x\n", BH_PARTITION_BASE + 16);
	bh_vint_set_timer(0, 50000);
	__asm__ volatile("mov %0, %%esp\n1: jmp 1b" : : "i"(BH_PARTITION_BASE + 16));
	return 0;
}
