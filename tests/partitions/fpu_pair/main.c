/*
 * x87 and SSE state isolation: each vcpu loads its own values into st(0) and xmm0-xmm7, then keeps
 * checking them across yields and preemptions by its sibling and by other partitions.
 */
#include <bulkhead.h>

static uint8_t stack1[4096] __attribute__((aligned(16)));

/* Fills xmm0..7 with words derived from `seed` and st(0) with `seed`. */
static void load(uint32_t seed)
{
	uint32_t words[32] __attribute__((aligned(16)));
	double value = seed;

	for (int i = 0; i < 32; i++)
		words[i] = seed * 0x01010101u + (uint32_t)i;
	__asm__ volatile("movdqa 0(%0), %%xmm0\n\tmovdqa 16(%0), %%xmm1\n\t"
			 "movdqa 32(%0), %%xmm2\n\tmovdqa 48(%0), %%xmm3\n\t"
			 "movdqa 64(%0), %%xmm4\n\tmovdqa 80(%0), %%xmm5\n\t"
			 "movdqa 96(%0), %%xmm6\n\tmovdqa 112(%0), %%xmm7\n\t"
			 "fninit\n\tfldl %1"
			 : : "r"(words), "m"(value) : "memory");
}

/* Whether xmm0..7 and st(0) still hold what load(seed) put there. */
static int intact(uint32_t seed)
{
	uint32_t words[32] __attribute__((aligned(16)));
	double value;

	__asm__ volatile("movdqa %%xmm0, 0(%1)\n\tmovdqa %%xmm1, 16(%1)\n\t"
			 "movdqa %%xmm2, 32(%1)\n\tmovdqa %%xmm3, 48(%1)\n\t"
			 "movdqa %%xmm4, 64(%1)\n\tmovdqa %%xmm5, 80(%1)\n\t"
			 "movdqa %%xmm6, 96(%1)\n\tmovdqa %%xmm7, 112(%1)\n\t"
			 "fstl %0"
			 : "=m"(value) : "r"(words) : "memory");
	for (int i = 0; i < 32; i++)
		if (words[i] != seed * 0x01010101u + (uint32_t)i)
			return 0;
	return value == (double)seed;
}

static void checker(uint32_t seed)
{
	uint32_t checks = 0, window = 0;
	struct bh_partition_status st;

	load(seed);
	for (;;) {
		if (!intact(seed)) {
			printf("fpu seed %u: MISMATCH after %u checks\n", seed, checks);
			bh_vcpu_halt();
		}
		checks++;
		if (checks % 64 == 0)
			bh_yield();
		if (bh_partition_status(BH_SELF, &st) == 0 && st.windows_entered != window) {
			window = st.windows_entered;
			printf("fpu seed %u: %u checks intact by window %u\n", seed, checks, window);
		}
	}
}

static void second(void *arg)
{
	(void)arg;
	checker(0x22);
}

int main(void)
{
	bh_vcpu_start(1, second, NULL, stack1, sizeof(stack1));
	checker(0x11);
	return 0;
}
