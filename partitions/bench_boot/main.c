/*
 * The boot probe: tools/bench.py boots a deployment with this image in place of the first
 * partition's, and reads the TSC this partition reads first (under QEMU -icount, the
 * instructions since reset; the banner gives the kernel's entry on the same count).
 */
#include <bulkhead.h>

int main(void)
{
	uint64_t first = bh_rdtsc();

	printf("BENCH boot first_partition_tsc=%llu\n", first);
	return 0;
}
