/*
 * Faults handed to the partition (ABI 3, the deployment's hm_deliver; tests/configs/abi3.c hands
 * it divide errors, page faults, invalid opcodes and stack overflows, each warm restarts it
 * otherwise). Memory is kept by the warm restarts: `phase` says what each start does.
 *   1: each of the four faults reaches the upcall (BH_VINT_FAULT) on the faulting context, with
 *      hm_fault_read's record; the upcall resumes past the faulting instruction. The last record
 *      is still held when the partition asks for a warm restart.
 *   2: the restart forgot it; a fault the upcall escalates: the deployment's action, a warm
 *      restart.
 *   3: a fault with delivery disabled (vint_enable(0)).
 *   4: a fault with delivery enabled but disabled in the shared page.
 *   5: a fault with BH_VINT_FAULT masked.
 *   6: a fault inside the upcall, which has enabled delivery in its shared page.
 * Phases 3 to 6 each end in the deployment's action: the next phase.
 */
#include <bulkhead.h>

#define PAGE 4096u
/* the events by CPU vector (public/health.h) */
#define EVENT_DIVIDE_ERROR 0
#define EVENT_INVALID_OPCODE 6
#define EVENT_PAGE_FAULT 14

/* Each faults at its at_* instruction and, resumed at its after_*, returns. */
extern void do_divide(void);
extern void do_write(volatile uint32_t *address);
extern void do_read(const volatile uint32_t *address);
extern void do_ud(void);
extern char at_divide[], after_divide[], at_write[], after_write[], at_read[], after_read[],
	at_ud[], after_ud[];
__asm__(".text\n"
	".globl do_divide\ndo_divide:\n\txor %edx, %edx\n\txor %eax, %eax\n\txor %ecx, %ecx\n"
	".globl at_divide\nat_divide:\n\tdivl %ecx\n.globl after_divide\nafter_divide:\n\tret\n"
	".globl do_write\ndo_write:\n\tmov 4(%esp), %eax\n"
	".globl at_write\nat_write:\n\tmovl $1, (%eax)\n.globl after_write\nafter_write:\n\tret\n"
	".globl do_read\ndo_read:\n\tmov 4(%esp), %eax\n"
	".globl at_read\nat_read:\n\tmov (%eax), %eax\n.globl after_read\nafter_read:\n\tret\n"
	".globl do_ud\ndo_ud:\n"
	".globl at_ud\nat_ud:\n\tud2\n.globl after_ud\nafter_ud:\n\tret\n");

static const uint32_t read_only = 7;        /* .rodata: a write to it is a page fault */
static uint8_t guarded[2 * PAGE] __attribute__((aligned(PAGE)));   /* first page: BH_PROT_NONE */
static uint8_t upcall_stack[4096] __attribute__((aligned(16)));
static struct bh_vcpu_info page __attribute__((aligned(8)));

static uint32_t phase, failed;              /* kept by the warm restarts */
static volatile uint32_t faults_seen, frame_eip, resume_at, escalate, fault_in_upcall;
static volatile int32_t read_result;
static struct bh_hm_record seen;
static struct bh_upcall_frame resume;

static void check(const char *what, int64_t got, int64_t want)
{
	failed += got != want;
	printf("check %s: got %lld want %lld %s\n", what, got, want, got == want ? "ok" : "FAIL");
}

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	if (line == BH_VINT_DOORBELL && fault_in_upcall) {
		printf("phase 6: a page fault inside the upcall, delivery enabled in its page\n");
		page.enabled = 1;
		do_write((volatile uint32_t *)&read_only);
		printf("FAIL: resumed after a fault inside the upcall\n");
		return;
	}
	if (line != BH_VINT_FAULT)
		return;
	faults_seen++;
	frame_eip = frame->eip;
	read_result = bh_hm_fault_read(&seen);
	if (escalate) {
		printf("escalating the fault at eip 0x%x\n", frame->eip);
		bh_hm_fault_escalate();
		printf("FAIL: hm_fault_escalate returned\n");
	}
	/* resumed past the faulting instruction, on the faulting context otherwise */
	resume = *frame;
	resume.eip = resume_at;
	bh_upcall_resume(&resume);
}

/* One fault delivered: the upcall saw it at `at` on the faulting context, the record tells it. */
static void delivered(const char *what, uint32_t event, const char *at, uint32_t address)
{
	char name[64];

	snprintf(name, sizeof(name), "%s: delivered", what);
	check(name, faults_seen, 1);
	snprintf(name, sizeof(name), "%s: the upcall's interrupted eip", what);
	check(name, frame_eip, BH_PTR(at));
	snprintf(name, sizeof(name), "%s: hm_fault_read", what);
	check(name, read_result, 0);
	snprintf(name, sizeof(name), "%s: event", what);
	check(name, seen.event, event);
	snprintf(name, sizeof(name), "%s: eip", what);
	check(name, seen.eip, BH_PTR(at));
	snprintf(name, sizeof(name), "%s: address", what);
	check(name, seen.address, address);
	snprintf(name, sizeof(name), "%s: action", what);
	check(name, seen.action, BH_HM_ACTION_DELIVER);
	snprintf(name, sizeof(name), "%s: partition, vcpu", what);
	check(name, seen.partition << 8 | seen.vcpu, bh_partition_id() << 8);
	printf("%s delivered at eip 0x%x, address 0x%x\n", what, seen.eip, seen.address);
	faults_seen = 0;
}

static void phase_1(void)
{
	struct bh_hm_record r;

	check("hm_fault_read before any fault", bh_hm_fault_read(&r), BH_ENOENT);
	check("hm_fault_escalate before any fault", bh_hm_fault_escalate(), BH_ENOENT);
	check("guard page", bh_memory_protect(guarded, PAGE, BH_PROT_NONE) >= 0, 1);
	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);

	resume_at = BH_PTR(after_divide);
	do_divide();
	delivered("divide error", EVENT_DIVIDE_ERROR, at_divide, 0);
	resume_at = BH_PTR(after_write);
	do_write((volatile uint32_t *)&read_only);
	delivered("page fault", EVENT_PAGE_FAULT, at_write, BH_PTR(&read_only));
	check("page fault: a write (error code)", seen.code & 2, 2);
	resume_at = BH_PTR(after_ud);
	do_ud();
	delivered("invalid opcode", EVENT_INVALID_OPCODE, at_ud, 0);
	resume_at = BH_PTR(after_read);
	do_read((const volatile uint32_t *)guarded);
	delivered("stack overflow", BH_HM_EVENT_STACK_OVERFLOW, at_read, BH_PTR(guarded));

	check("hm_fault_read after the upcall: the last fault kept", bh_hm_fault_read(&r), 0);
	check("the last fault's eip", r.eip, BH_PTR(at_read));
	check("hm_fault_read outside memory",
	      bh_hm_fault_read((struct bh_hm_record *)(uintptr_t)0x1000), BH_EFAULT);
	printf("phase 1: checks done, %u failed\n", failed);
	phase = 2;
	bh_set_mode(BH_MODE_WARM_START);
}

int main(void)
{
	struct bh_partition_info info;
	struct bh_hm_record r;

	bh_partition_info(&info);
	printf("phase %u: start condition %u\n", phase ? phase : 1, info.start_condition);
	switch (phase) {
	case 0:
		phase_1();
		break;
	case 2:
		check("phase 2: hm_fault_read after the restart", bh_hm_fault_read(&r), BH_ENOENT);
		printf("phase 2: checks done, %u failed\n", failed);
		phase = 3;
		escalate = 1;
		bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
		bh_vint_enable(1);
		resume_at = BH_PTR(after_divide);
		do_divide();
		break;
	case 3:
		phase = 4;
		bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
		bh_vint_enable(0);
		printf("phase 3: an invalid opcode with delivery disabled\n");
		do_ud();
		break;
	case 4:
		phase = 5;
		bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
		bh_vint_set_info(&page);
		page.enabled = 0;
		printf("phase 4: an invalid opcode with delivery disabled in the shared page\n");
		do_ud();
		break;
	case 5:
		phase = 6;
		bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
		bh_vint_mask(BH_VINT_FAULT, 1);
		bh_vint_enable(1);
		printf("phase 5: an invalid opcode with the fault line masked\n");
		do_ud();
		break;
	case 6:
		phase = 7;
		fault_in_upcall = 1;
		bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
		bh_vint_set_info(&page);
		page.enabled = 1;
		bh_vint_doorbell(BH_SELF, 0);
		break;
	default:
		printf("done: %u failed\n", failed);
		bh_vcpu_halt();
	}
	printf("FAIL: phase %u went on\n", phase);
	bh_vcpu_halt();
	return 0;
}
