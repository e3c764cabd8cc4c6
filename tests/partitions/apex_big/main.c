/*
 * An image built with the APEX layer's section (as apex_marked) whose 64 KiB of bss leave no room
 * for the APEX stacks its deployment asks for (tests/configs/bad_apex_stacks_too_big.c, and
 * apex_images.c at boot with this image in place of apex_marked).
 */
#include <bulkhead.h>

__asm__(".section .bulkhead_apex, \"\", @progbits\n\t.long 1\n\t.previous");

static volatile uint8_t data[64 * 1024];

int main(void)
{
	data[0] = 1;
	printf("big marked image running\n");
	bh_vcpu_halt();
	return 0;
}
