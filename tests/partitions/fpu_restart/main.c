/*
 * A cold restart resets a vcpu's FPU registers too: vcpu 0 checks xmm0 first thing after each
 * start, then loads a marker into it and faults (action cold restart). The CPU still holds the
 * marker when the partition starts again, and must not give it back.
 */
#include <bulkhead.h>

#define MARKER 0x5eed5eedu

int main(void)
{
	struct bh_partition_status st = { 0 };
	uint32_t words[4] __attribute__((aligned(16))) = { MARKER, MARKER, MARKER, MARKER };
	uint32_t xmm0[4] __attribute__((aligned(16)));

	__asm__ volatile("movdqa %%xmm0, %0" : "=m"(xmm0));
	bh_partition_status(BH_SELF, &st);
	printf("start after %u restarts: xmm0 %s\n", st.restarts,
	       xmm0[0] | xmm0[1] | xmm0[2] | xmm0[3] ? "NOT CLEAN" : "clean");
	bh_set_mode(BH_MODE_NORMAL);
	if (st.restarts >= 2)
		bh_vcpu_halt();
	__asm__ volatile("movdqa %0, %%xmm0" : : "m"(words));
	*(volatile uint32_t *)0x00001000 = 1;   /* nothing is mapped below the partition */
	return 0;
}
