/*
 * GDB helper test: vcpu 0 rings vcpu 1's doorbell while vcpu 1 has that line unmasked but
 * delivery disabled, so the line stays pending where the debugger can see it. vcpu 1 masks its
 * timer line (for the mask column) and vcpu 0 reports an application error first (for the
 * health-monitor log). The noipa functions mark the moments a test breaks at.
 */
#include <bulkhead.h>

#define APPLICATION_ERROR_CODE 42

static volatile uint32_t listener_ready;
static uint8_t listener_stack[4096] __attribute__((aligned(16)));

static __attribute__((noipa)) void before_doorbell(void)
{
}

static __attribute__((noipa)) void after_doorbell(void)
{
}

static void listener(void *arg)
{
	(void)arg;
	bh_vint_mask(BH_VINT_TIMER, 1);
	bh_vint_mask(BH_VINT_DOORBELL, 0);
	bh_vint_enable(0);
	listener_ready = 1;
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
	printf("doorbell rung\n");
	for (;;)
		bh_yield();
}
