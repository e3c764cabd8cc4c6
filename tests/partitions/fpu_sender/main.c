/*
 * The sending half of an FPU covert channel (issue 15): in window n it uses the FPU if bit n of a
 * fixed pseudo-random pattern is set, else not, then spins to the window's end so that whatever
 * it did with the FPU is still there when the next partition runs.
 */
#include <bulkhead.h>

#define PATTERN 0x9e3779b97f4a7c15ull

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	uint32_t seen = 0;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start, dummy;
		uint32_t bit;

		while ((seen = bh_window_current(&start)) == 0)
			;
		bit = (uint32_t)(PATTERN >> (seen % 64)) & 1;
		if (bit)
			__asm__ volatile("fld1; fstp %%st(0)" ::: "memory");
		printf("window %u start t=%llu ns bit %u\n", seen, start, bit);
		while (bh_window_current(&dummy) == seen)
			;
	}
}
