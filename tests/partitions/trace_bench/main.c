/*
 * What the trace hooks cost: instructions (the TSC counts them under QEMU -icount) for a loop of
 * null hypercalls (no hook on their path), sampling writes (a port hook) and yields (a dispatch
 * hook), under whatever trace options the kernel was booted with. The best of several runs, all
 * inside one window, so no window switch is counted.
 */
#include <bulkhead.h>

#define CALLS 200
#define RUNS 5

static int32_t port;
static uint32_t sample;

static void call_nop(void)
{
	bh_nop();
}

static void call_sampling_write(void)
{
	bh_sampling_write(port, &sample, sizeof(sample));
}

static void call_yield(void)
{
	bh_yield();
}

static uint64_t best_of_runs(void (*call)(void))
{
	uint64_t best = ~0ull;

	for (int run = 0; run < RUNS; run++) {
		uint64_t start = bh_rdtsc(), spent;

		for (int i = 0; i < CALLS; i++)
			call();
		spent = bh_rdtsc() - start;
		if (spent < best)
			best = spent;
	}
	return best;
}

int main(void)
{
	struct bh_partition_status st;
	uint32_t window;
	uint64_t nop, write, yield;

	port = bh_port_open("bench", NULL);
	bh_partition_status(BH_SELF, &st);
	window = st.windows_entered;
	do
		bh_partition_status(BH_SELF, &st);
	while (st.windows_entered == window);
	nop = best_of_runs(call_nop);
	write = best_of_runs(call_sampling_write);
	yield = best_of_runs(call_yield);
	printf("trace_bench: instructions per %u calls: nop %llu, sampling_write %llu, yield %llu\n",
	       CALLS, nop, write, yield);
	bh_shutdown();
	return 0;
}
