/* The third FPU user, in another partition: its SSE/x87 values must survive partition switches. */
#include <bulkhead.h>

int main(void)
{
	uint32_t checks = 0, window = 0;
	struct bh_partition_status st;
	double x = 3.0, y;

	for (;;) {
		/* a long dependent SSE2/x87 computation whose result is known exactly */
		__asm__ volatile("movsd %1, %%xmm3\n\taddsd %%xmm3, %%xmm3\n\tmovsd %%xmm3, %0"
				 : "=m"(y) : "m"(x));   /* no SSE in -march=i686 code: xmm3 is ours */
		if (y != 6.0) {
			printf("fpu seed 51: MISMATCH after %u checks\n", checks);
			bh_vcpu_halt();
		}
		checks++;
		if (bh_partition_status(BH_SELF, &st) == 0 && st.windows_entered != window) {
			window = st.windows_entered;
			printf("fpu seed 51: %u checks intact by window %u\n", checks, window);
		}
	}
}
