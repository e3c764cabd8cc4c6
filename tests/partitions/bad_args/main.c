/*
 * Hostile hypercall arguments: kernel pointers, another partition's (physical) addresses, ranges
 * crossing the end of memory, lengths that wrap around 4 GiB, bad indices, handles and numbers.
 * Every call must fail with its error code; the kernel must go on.
 */
#include <bulkhead.h>

#define KERNEL 0x00100000u
#define OTHER 0x01000000u               /* the sensor's memory, physically */
#define MEMORY_SIZE 0x40000u            /* this partition's, from the deployment */
#define END (BH_PARTITION_BASE + MEMORY_SIZE)

static uint32_t checks, failures;
static uint8_t stack1[1024] __attribute__((aligned(16)));

static void expect(const char *what, int32_t got, int32_t want)
{
	checks++;
	if (got != want)
		failures++;
	printf("check %s: got %d want %d %s\n", what, got, want, got == want ? "ok" : "FAIL");
}

static void idle(void)
{
	for (;;)
		bh_yield();
}

static int32_t raw(uint32_t nr, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4)
{
	return bh_hypercall(nr, a1, a2, a3, a4);
}

int main(void)
{
	struct bh_partition_status st;
	char long_name[48];

	expect("console kernel pointer", raw(BH_HC_CONSOLE_WRITE, KERNEL, 8, 0, 0), BH_EFAULT);
	expect("console other partition", raw(BH_HC_CONSOLE_WRITE, OTHER, 8, 0, 0), BH_EFAULT);
	expect("console crosses end", raw(BH_HC_CONSOLE_WRITE, END - 4, 8, 0, 0), BH_EFAULT);
	expect("console length wraps", raw(BH_HC_CONSOLE_WRITE, BH_PARTITION_BASE + 16, 0xfffffff8u, 0, 0), BH_EFAULT);
	expect("console address wraps", raw(BH_HC_CONSOLE_WRITE, 0xfffffff0u, 0x20, 0, 0), BH_EFAULT);
	expect("time kernel pointer", raw(BH_HC_GET_TIME, KERNEL, 0, 0, 0), BH_EFAULT);
	expect("time other partition", raw(BH_HC_GET_TIME, OTHER, 0, 0, 0), BH_EFAULT);
	expect("time crosses end", raw(BH_HC_GET_TIME, END - 4, 0, 0, 0), BH_EFAULT);
	expect("time null", raw(BH_HC_GET_TIME, 0, 0, 0, 0), BH_EFAULT);
	expect("status kernel pointer", raw(BH_HC_PARTITION_STATUS, BH_SELF, KERNEL, 0, 0), BH_EFAULT);
	expect("status unknown partition", bh_partition_status(99, &st), BH_ENOENT);
	expect("status of another, not system", bh_partition_status(0, &st), BH_EPERM);
	expect("vcpu_up bad index", raw(BH_HC_VCPU_UP, 7, BH_PTR(idle), BH_PTR(stack1) + 1024, 0), BH_EINVAL);
	expect("vcpu_up self", raw(BH_HC_VCPU_UP, 0, BH_PTR(idle), BH_PTR(stack1) + 1024, 0), BH_EBUSY);
	expect("vcpu_up kernel entry", raw(BH_HC_VCPU_UP, 1, KERNEL, BH_PTR(stack1) + 1024, 0), BH_EFAULT);
	expect("vcpu_up kernel stack", raw(BH_HC_VCPU_UP, 1, BH_PTR(idle), KERNEL, 0), BH_EFAULT);
	expect("vcpu_up stack 0", raw(BH_HC_VCPU_UP, 1, BH_PTR(idle), 0, 0), BH_EFAULT);
	expect("pause self", bh_vcpu_pause(0), BH_EINVAL);
	expect("resume a vcpu not paused", bh_vcpu_resume(1), BH_EBUSY);
	expect("reset bad index", bh_vcpu_reset(9), BH_EINVAL);
	expect("set mode unknown", bh_set_mode(77), BH_EINVAL);
	expect("shutdown, not system", bh_shutdown(), BH_EPERM);
	expect("mask bad line", bh_vint_mask(99, 1), BH_EINVAL);
	expect("doorbell bad vcpu", bh_vint_doorbell(BH_SELF, 9), BH_EINVAL);
	expect("doorbell not allowed", bh_vint_doorbell(0, 0), BH_EPERM);
	expect("doorbell unknown partition", bh_vint_doorbell(99, 0), BH_ENOENT);
	expect("timer period too short", bh_vint_set_timer(5, 0), BH_EINVAL);
	expect("timer period over an hour", bh_vint_set_timer(3600000000001ull, 0), BH_EINVAL);
	expect("timer first expiry over an hour", bh_vint_set_timer(0, 3600000000001ull), BH_EINVAL);
	expect("upcall return outside an upcall", raw(BH_HC_VINT_RETURN, 0, 0, 0, 0), BH_EINVAL);
	expect("upcall entry in the kernel", raw(BH_HC_VINT_SET_UPCALL, KERNEL, 0, 0, 0), BH_EFAULT);
	expect("upcall stack in the kernel", raw(BH_HC_VINT_SET_UPCALL, BH_PTR(idle), KERNEL, 0, 0), BH_EFAULT);
	/* a delivery writes up to BH_UPCALL_STACK_MIN bytes below the top: one fewer is refused */
	expect("upcall stack a byte too close to the base",
	       bh_vint_set_upcall(idle, BH_PARTITION_BASE + BH_UPCALL_STACK_MIN - 1), BH_EFAULT);
	expect("upcall stack just far enough from the base",
	       bh_vint_set_upcall(idle, BH_PARTITION_BASE + BH_UPCALL_STACK_MIN), 0);
	expect("upcall off again", bh_vint_set_upcall(0, 0), 0);
	expect("port name kernel pointer", raw(BH_HC_PORT_OPEN, KERNEL, 0, 0, 0), BH_EFAULT);
	/* the top two bytes of memory (above the initial stack frame) become an unterminated name */
	*(volatile char *)(END - 2) = 'a';
	*(volatile char *)(END - 1) = 'b';
	expect("port name runs off memory", raw(BH_HC_PORT_OPEN, END - 2, 0, 0, 0), BH_EFAULT);
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	expect("port name too long", bh_port_open(long_name, NULL), BH_EINVAL);
	expect("port unknown", bh_port_open("nosuchport", NULL), BH_ENOENT);
	expect("port info kernel pointer", raw(BH_HC_PORT_OPEN, BH_PTR("altitude"), KERNEL, 0, 0), BH_EFAULT);
	{
		int32_t h = bh_port_open("altitude", NULL);
		uint32_t v = 0;

		expect("port open own destination", h, 0);
		/* the sensor loads and writes its first sample in its own windows: wait for it */
		while (bh_sampling_read(h, &v, sizeof(v), NULL) == BH_EAGAIN)
			bh_yield();
		expect("sampling write on a destination", bh_sampling_write(h, &v, 4), BH_EPERM);
		expect("queuing receive on a sampling port", bh_queuing_receive(h, &v, 4, 0), BH_EPERM);
		expect("sampling read bad handle", bh_sampling_read(5, &v, 4, NULL), BH_EINVAL);
		expect("sampling read negative handle", bh_sampling_read(-1, &v, 4, NULL), BH_EINVAL);
		expect("sampling read into the kernel", raw(BH_HC_SAMPLING_READ, (uint32_t)h, KERNEL, 4, 0), BH_EFAULT);
		expect("sampling read buffer too small", bh_sampling_read(h, &v, 1, NULL), BH_EMSGSIZE);
		expect("sampling read info in the kernel", raw(BH_HC_SAMPLING_READ, (uint32_t)h, BH_PTR(&v), 4, KERNEL), BH_EFAULT);
	}
	expect("hm log, not system", raw(BH_HC_HM_READ_LOG, 0, BH_PTR(&st), 0, 0), BH_EPERM);
	expect("unknown hypercall BH_HC_COUNT", raw(BH_HC_COUNT, 0, 0, 0, 0), BH_ENOSYS);
	expect("unknown hypercall 0x80000000", raw(0x80000000u, 0, 0, 0, 0), BH_ENOSYS);
	expect("unknown hypercall 0xffffffff", raw(0xffffffffu, 0, 0, 0, 0), BH_ENOSYS);
	printf("bad_args: %u checks, %u failed\n", checks, failures);
	idle();
	return 0;
}
