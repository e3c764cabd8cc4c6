/*
 * The partition's vcpus under the layer: each has a shared page, an upcall stack and an idle
 * loop; which vcpu runs is known from the stack it runs on (every stack the layer hands out
 * belongs to one vcpu), so that the lock and the services need no hypercall to ask.
 */
#include "core.h"

/* the most pages a partition has (its memory is at most 4 MiB) */
#define APEX_MAX_PAGES (4u << 20) / BH_PAGE_SIZE
#define UPCALL_STACK (2 * BH_PAGE_SIZE)
#define IDLE_STACK BH_PAGE_SIZE
/* the lines the layer works on; the others stay masked */
#define LINES ((1u << BH_VINT_TIMER) | (1u << BH_VINT_WINDOW_START) | (1u << BH_VINT_PORT) | \
	       (1u << BH_VINT_DOORBELL) | (1u << BH_VINT_FAULT))

static uint8_t stack_vcpu[APEX_MAX_PAGES];   /* per page of memory: whose stack (0 by default) */
static uint8_t *upcall_stack[APEX_VCPUS], *idle_stack[APEX_VCPUS];

uint32_t apex_vcpu_index(void)
{
	uint32_t sp;

	__asm__("movl %%esp, %0" : "=r"(sp));
	return stack_vcpu[(sp - BH_PARTITION_BASE) / BH_PAGE_SIZE];
}

void apex_stack_owner(const uint8_t *stack, uint32_t size, uint32_t vcpu)
{
	uint32_t first = (BH_PTR(stack) - BH_PARTITION_BASE) / BH_PAGE_SIZE;

	for (uint32_t page = first; page < first + size / BH_PAGE_SIZE; page++)
		stack_vcpu[page] = (uint8_t)vcpu;
}

bool apex_vcpus_init(void)
{
	if (apex_core.partition.memory_size > APEX_MAX_PAGES * BH_PAGE_SIZE)
		return false;
	for (uint32_t v = 0; v < apex_core.partition.vcpu_count; v++) {
		upcall_stack[v] = apex_pages(UPCALL_STACK);
		idle_stack[v] = v ? apex_pages(IDLE_STACK) : NULL;
		if (!upcall_stack[v] || (v && !idle_stack[v]))
			return false;
		apex_stack_owner(upcall_stack[v], UPCALL_STACK, v);
		if (v)
			apex_stack_owner(idle_stack[v], IDLE_STACK, v);
		apex_core.vcpu[v].timer_at = APEX_NEVER;
	}
	return true;
}

void apex_vcpu_setup(void)
{
	uint32_t index = apex_vcpu_index();
	struct apex_vcpu *v = apex_vcpu_of(index);
	int32_t r = bh_vint_set_info(&v->info);

	if (r >= 0)
		r = bh_upcall_register(apex_upcall, upcall_stack[index], UPCALL_STACK);
	if (r < 0) {
		printf("APEX layer: vcpu %u: no upcalls (%s); halting\n", index, bh_strerror(r));
		bh_vcpu_halt();
	}
	v->info.mask = ~LINES;
	v->info.enabled = 1;
	bh_vint_sync(&v->info);
}

static void secondary(void *arg)
{
	(void)arg;
	apex_vcpu_setup();
	/* its processes were made ready before it was up: look at them */
	apex_lock();
	apex_kick(apex_vcpu_index());
	apex_unlock();
	apex_idle();
}

void apex_vcpus_start(void)
{
	for (uint32_t v = 1; v < apex_core.partition.vcpu_count; v++) {
		bool used = false;

		for (uint32_t i = 0; i < apex_core.count; i++)
			used |= apex_core.processes[i].vcpu == v;
		if (used && !apex_core.vcpu[v].started) {
			apex_core.vcpu[v].started = true;
			bh_vcpu_start(v, secondary, NULL, idle_stack[v], IDLE_STACK);
		}
	}
}

void apex_idle(void)
{
	struct apex_vcpu *v = apex_this_vcpu();

	for (;;) {
		v->info.enabled = 1;
		bh_vint_block();
	}
}
