/* Runtime start-up: vcpu 0 into main, secondary vcpus into their function, upcalls to a handler. */
#include <bulkhead.h>

void bh_start(void) __attribute__((noreturn));
void bh_secondary_start(void (*fn)(void *), void *arg) __attribute__((noreturn));
void bh_upcall_dispatch(uint32_t line, const struct bh_upcall_frame *frame);
void bh_window_started(void);
extern void bh_secondary_entry(void);
extern void bh_upcall_entry(void);

#define UPCALL_VCPUS BH_MAX_VCPUS_PER_PARTITION

static bh_upcall_handler handlers[UPCALL_VCPUS];

void bh_start(void)
{
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

void bh_upcall_dispatch(uint32_t line, const struct bh_upcall_frame *frame)
{
	uint32_t index = bh_vcpu_index();

	if (line == BH_VINT_WINDOW_START)
		bh_window_started();
	if (index < UPCALL_VCPUS && handlers[index])
		handlers[index](line, frame);
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
