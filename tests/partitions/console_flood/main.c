/*
 * Prints numbered lines flat out through printf, far faster than a 115200-baud port takes them
 * (tests/configs/console_slow.c): its console buffer fills, console_write says BH_EAGAIN, and the
 * runtime's printf tries again; every line must still arrive, whole and in order.
 */
#include <bulkhead.h>

#define LINES 16

int main(void)
{
	for (uint32_t i = 0; i < LINES; i++)
		printf("flood line %02u of %u: the quick brown fox jumps over the lazy dog\n", i, LINES);
	printf("flood done\n");
	return 0;
}
