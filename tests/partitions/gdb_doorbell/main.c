/*
 * GDB helper test: vcpu 0 rings vcpu 1's doorbell while vcpu 1 has that line unmasked but
 * delivery disabled, so the line stays pending where the debugger can see it. Then vcpu 1 turns
 * delivery on and takes the upcall, so the debugger sees a vcpu inside an upcall. vcpu 1 masks
 * its timer line (for the mask column) and vcpu 0 reports an application error first (for the
 * health-monitor log). The noipa functions and on_upcall mark the moments a test breaks at.
 */
#include <bulkhead.h>

#define APPLICATION_ERROR_CODE 42

static volatile uint32_t listener_ready, doorbell_rung;
static uint8_t listener_stack[4096] __attribute__((aligned(16)));
static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

static __attribute__((noipa)) void before_doorbell(void)
{
}

static __attribute__((noipa)) void after_doorbell(void)
{
}

static void on_upcall(uint32_t line, const struct bh_upcall_frame *frame)
{
	printf("upcall on line %u, interrupted at eip 0x%x\n", line, frame->eip);
}

static void listener(void *arg)
{
	(void)arg;
	bh_vint_mask(BH_VINT_TIMER, 1);
	bh_vint_mask(BH_VINT_DOORBELL, 0);
	bh_vint_enable(0);
	listener_ready = 1;
	while (!doorbell_rung)
		bh_yield();
	bh_upcall_register(on_upcall, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);
	for (;;)
		bh_yield();
}

int main(void)
{
	bh_hm_report(APPLICATION_ERROR_CODE);
	bh_vcpu_start(1, listener, NULL, listener_stack, sizeof(listener_stack));
	while (!listener_ready)
		bh_yield();
	before_doorbell();
	bh_vint_doorbell(BH_SELF, 1);
	after_doorbell();
	doorbell_rung = 1;
	printf("doorbell rung\n");
	for (;;)
		bh_yield();
}
