/*
 * The receiving half of an FPU covert channel (issue 15). In each of its windows it measures what
 * the partition before it might have changed: when its window-start upcall ran (the TSC, as a
 * distance from the previous window's: a major frame exactly, under -icount, unless the switch
 * took longer), CR0.TS with smsw (unless the CPU has UMIP, which makes smsw fault in ring 3), and
 * the cost of its first FPU instruction in TSC ticks (a #NM trap costs far more than the
 * instruction). Then it spins to the window's end holding the FPU, so that it keeps it unless
 * someone else takes it.
 */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t upcall_tsc, upcalls;

static int cpu_has_umip(void)
{
	uint32_t a, b, c, d;

	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0), "c"(0));
	if (a < 7)
		return 0;
	__asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
	return (c >> 2) & 1;
}

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line != BH_VINT_WINDOW_START)
		return;
	upcall_tsc = (uint32_t)bh_rdtsc();
	upcalls++;
}

int main(void)
{
	uint32_t seen = 0, last_tsc = 0;
	int umip = cpu_has_umip();

	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);
	bh_set_mode(BH_MODE_NORMAL);
	printf("smsw %s\n", umip ? "not tried (UMIP)" : "tried");
	for (;;) {
		uint64_t start;
		uint32_t msw = 0, t0, t1, d, window;

		while (upcalls == seen)
			;
		seen = upcalls;
		if (!umip)
			__asm__ volatile("smsw %0" : "=r"(msw));
		/* the whole probe in one asm, so that the compiler moves nothing into it */
		__asm__ volatile("rdtsc; mov %%eax, %0; fld1; rdtsc; fstp %%st(0)"
				 : "=r"(t0), "=a"(t1), "=d"(d) : : "memory");
		window = bh_window_current(&start);
		printf("window %u start t=%llu ns ts %u fpu cost %u upcall after %u\n", window, start,
		       (msw >> 3) & 1, t1 - t0, upcall_tsc - last_tsc);
		last_tsc = upcall_tsc;
	}
}
