/*
 * A stand-in for an image built with the APEX layer: it carries the layer's section
 * (.bulkhead_apex, one word, version 1; core/elf_loader.h), which makes the build and the boot
 * require the deployment's APEX limits for a partition running it (tests/configs/apex_images.c).
 */
#include <bulkhead.h>

__asm__(".section .bulkhead_apex, \"\", @progbits\n\t.long 1\n\t.previous");

int main(void)
{
	struct bh_partition_info info;

	bh_partition_info(&info);
	printf("marked image running: APEX limits %u processes, %u bytes of stacks\n",
	       info.apex_processes, info.apex_stack_bytes);
	bh_vcpu_halt();
	return 0;
}
