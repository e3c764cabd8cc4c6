/* Runtime start-up: vcpu 0 into main, secondary vcpus into their function, upcalls to a handler. */
#include <bulkhead.h>

void bh_start(void) __attribute__((noreturn));
void bh_secondary_start(void (*fn)(void *), void *arg) __attribute__((noreturn));
const struct bh_upcall_frame *bh_upcall_dispatch(uint32_t line,
						 const struct bh_upcall_frame *frame);
void bh_window_started(void);
extern void bh_secondary_entry(void);
extern void bh_upcall_entry(void);
/* A layer linked into the partition (the APEX layer, apex/start.c) starts here, before main. */
void bh_layer_start(void) __attribute__((weak));

#define UPCALL_VCPUS BH_MAX_VCPUS_PER_PARTITION

static bh_upcall_handler handlers[UPCALL_VCPUS];
/* what each vcpu's running upcall resumes (NULL: the context it interrupted) */
static const struct bh_upcall_frame *resume[UPCALL_VCPUS];

void bh_start(void)
{
	int32_t kernel_abi = bh_abi_version();

	/* a kernel of another ABI would misread this program's calls: stop before the first */
	if (kernel_abi != BH_ABI_VERSION) {
		printf("runtime built for Bulkhead ABI %d, the kernel has ABI %d (%s): stopping\n",
		       BH_ABI_VERSION, kernel_abi, kernel_abi < 0 ? bh_strerror(kernel_abi) : "mismatch");
		bh_vcpu_halt();
	}
	if (bh_layer_start)
		bh_layer_start();
	main();
	bh_vcpu_halt();
	for (;;)
		;
}

void bh_secondary_start(void (*fn)(void *), void *arg)
{
	fn(arg);
	bh_vcpu_halt();
	for (;;)
		;
}

int32_t bh_vcpu_start(uint32_t index, void (*fn)(void *), void *arg, void *stack, uint32_t size)
{
	uint32_t *top = (uint32_t *)((uint8_t *)stack + size);

	top -= 2;
	top[0] = BH_PTR(fn);
	top[1] = BH_PTR(arg);
	return bh_vcpu_up(index, bh_secondary_entry, BH_PTR(top));
}

/* Returns what the trampoline hands vint_return: the frame to resume, or NULL. */
const struct bh_upcall_frame *bh_upcall_dispatch(uint32_t line,
						 const struct bh_upcall_frame *frame)
{
	uint32_t index = bh_vcpu_index();
	const struct bh_upcall_frame *next;

	if (line == BH_VINT_WINDOW_START)
		bh_window_started();
	if (index >= UPCALL_VCPUS)
		return NULL;
	resume[index] = NULL;
	if (handlers[index])
		handlers[index](line, frame);
	next = resume[index];
	resume[index] = NULL;
	return next;
}

void bh_upcall_resume(const struct bh_upcall_frame *frame)
{
	uint32_t index = bh_vcpu_index();

	if (index < UPCALL_VCPUS)
		resume[index] = frame;
}

int32_t bh_upcall_register(bh_upcall_handler handler, void *stack, uint32_t size)
{
	uint32_t index = bh_vcpu_index();

	if (index >= UPCALL_VCPUS)
		return BH_EINVAL;
	if (handler || !handlers[index])
		handlers[index] = handler;
	return bh_vint_set_upcall(bh_upcall_entry, stack ? BH_PTR(stack) + size : 0);
}

/* The trampoline's vint_return refused the frame bh_upcall_resume gave it. */
void bh_upcall_refused(int32_t error) __attribute__((noreturn));
void bh_upcall_refused(int32_t error)
{
	printf("vcpu %u: vint_return refused the frame to resume: %s; halting\n", bh_vcpu_index(),
	       bh_strerror(error));
	bh_vcpu_halt();
	for (;;)
		;
}
