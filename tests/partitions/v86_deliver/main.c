/*
 * A fault in virtual-8086 mode (QEMU's ring-3 iret with EFLAGS.VM, as tests/partitions/v86_escape)
 * is never handed to the partition: its frame is no context to resume. The deployment hands every
 * CPU exception (hm_deliver) and warm-restarts on each; the upcall is registered and delivery on,
 * so only the kind of frame keeps the fault from the upcall. Twice, with an even and an odd code
 * segment.
 */
#include <bulkhead.h>

#define EFLAGS_VM_IOPL3 0x00023002u

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static uint32_t round;

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	if (line == BH_VINT_FAULT)
		printf("FAIL: round %u: a fault in virtual-8086 mode delivered, eip 0x%x\n", round,
		       frame->eip);
}

int main(void)
{
	uint32_t cs;

	round++;
	if (round > 2) {
		printf("2 faults in virtual-8086 mode, none delivered\n");
		bh_vcpu_halt();
	}
	cs = round == 1 ? 0x0000 : 0x0003;
	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);
	printf("round %u: iret to virtual-8086 mode, cs 0x%x, delivery on\n", round, cs);
	__asm__ volatile("pushl $0\n\t pushl $0\n\t pushl $0\n\t pushl $0\n\t"   /* gs fs ds es */
			 "pushl $0\n\t pushl $0x100\n\t"                          /* ss esp */
			 "pushl %1\n\t pushl %0\n\t pushl $0x1000\n\t"            /* eflags cs eip */
			 "iret"
			 : : "r"(cs), "r"(EFLAGS_VM_IOPL3) : "memory");
	printf("FAIL: round %u: still in protected mode\n", round);
	bh_vcpu_halt();
	return 0;
}
