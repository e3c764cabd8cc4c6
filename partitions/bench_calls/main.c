/*
 * bench_calls (configs/bench.c): the null hypercall round trip, a 64-byte console write, and the
 * switch between the partition's two vcpus by yield. BENCH_SAMPLES and BENCH_DROP_ABOVE come from
 * mk/bench.mk.
 */
#include <bulkhead.h>

#define CONSOLE_SAMPLES (BENCH_SAMPLES < 16 ? BENCH_SAMPLES : 16)
#define CONSOLE_BYTES 64
#define EMPTY_PROBES 101

static uint32_t null_values[BENCH_SAMPLES], console_values[CONSOLE_SAMPLES];
static uint32_t yield_values[BENCH_SAMPLES], empty_values[EMPTY_PROBES];
static struct bh_samples null_calls = BH_SAMPLES(null_values, BENCH_DROP_ABOVE);
static struct bh_samples console_writes = BH_SAMPLES(console_values, BENCH_DROP_ABOVE);
static struct bh_samples yield_switches = BH_SAMPLES(yield_values, BENCH_DROP_ABOVE);
static struct bh_samples empty_probes = BH_SAMPLES(empty_values, BENCH_DROP_ABOVE);
/* the low TSC word each vcpu read just before its yield's int $0x80 */
static volatile uint32_t yield_start[2];
static volatile uint32_t yield_done;
static uint8_t partner_stack[8192] __attribute__((aligned(16)));

/*
 * rdtsc; store it to *start; eax = nr; int $0x80; rdtsc. Returns the second read, which the
 * vcpu makes on the first instruction after its hypercall returns (for a yield: after it is
 * switched back in, while *start is then the other vcpu's).
 */
static inline uint32_t probe_hypercall(uint32_t nr, volatile uint32_t *start)
{
	uint32_t end;

	__asm__ volatile("rdtsc\n\t"
			 "movl %%eax, (%1)\n\t"
			 "movl %2, %%eax\n\t"
			 "int $0x80\n\t"
			 "rdtsc"
			 : "=&a"(end) : "r"(start), "r"(nr) : "edx", "memory");
	return end;
}

/* The same instructions without the int $0x80: what a probe costs by itself. */
static inline uint32_t probe_empty(uint32_t nr, volatile uint32_t *start)
{
	uint32_t end;

	__asm__ volatile("rdtsc\n\t"
			 "movl %%eax, (%1)\n\t"
			 "movl %2, %%eax\n\t"
			 "rdtsc"
			 : "=&a"(end) : "r"(start), "r"(nr) : "edx", "memory");
	return end;
}

static uint32_t probe_overhead(void)
{
	volatile uint32_t start;

	while (!bh_samples_full(&empty_probes))
		bh_samples_add(&empty_probes, probe_empty(BH_HC_NOP, &start) - start);
	return bh_samples_median(&empty_probes);
}

static void time_null_hypercall(uint32_t overhead)
{
	volatile uint32_t start;

	while (!bh_samples_full(&null_calls))
		bh_samples_add(&null_calls, probe_hypercall(BH_HC_NOP, &start) - start - overhead);
	bh_samples_report("hypercall_null", &null_calls, overhead, NULL);
}

static void time_console_write(void)
{
	static const char prefix[] = "bench console probe: 64 bytes per write ";
	char line[CONSOLE_BYTES];
	uint32_t overhead = bh_rdtsc_overhead();

	memcpy(line, prefix, sizeof(prefix) - 1);
	memset(line + sizeof(prefix) - 1, '.', CONSOLE_BYTES - sizeof(prefix));
	line[CONSOLE_BYTES - 1] = '\n';
	while (!bh_samples_full(&console_writes)) {
		uint64_t t0 = bh_rdtsc();
		uint64_t t1;

		bh_console_write(line, CONSOLE_BYTES);
		t1 = bh_rdtsc();
		bh_samples_add(&console_writes, (uint32_t)(t1 - t0) - overhead);
	}
	bh_samples_report("console_write_64", &console_writes, overhead, NULL);
}

/*
 * Both vcpus run this ping-pong: stamp, yield, and on return stamp again. The other vcpu's stamp
 * was taken three instructions before its int $0x80, so the one-way switch is the difference
 * minus the empty probe's cost.
 */
static void yield_ping_pong(uint32_t self, uint32_t overhead)
{
	uint32_t other = 1 - self;

	while (!yield_done) {
		uint32_t end = probe_hypercall(BH_HC_YIELD, &yield_start[self]);

		if (!yield_done)
			bh_samples_add(&yield_switches, end - yield_start[other] - overhead);
		if (bh_samples_full(&yield_switches))
			yield_done = 1;
	}
}

static uint32_t shared_overhead;

static void partner(void *arg)
{
	(void)arg;
	yield_ping_pong(1, shared_overhead);
}

static void time_yield_switch(uint32_t overhead)
{
	shared_overhead = overhead;
	bh_vcpu_start(1, partner, NULL, partner_stack, sizeof(partner_stack));
	/* the first yield starts the partner at its entry, not at a yield's return: not a sample */
	yield_start[0] = 0;
	bh_yield();
	yield_ping_pong(0, overhead);
	/* let the partner see the end and halt before the report */
	bh_yield();
	bh_samples_report("vcpu_switch_yield", &yield_switches, overhead, NULL);
}

int main(void)
{
	uint32_t overhead = probe_overhead();

	bh_set_mode(BH_MODE_NORMAL);
	bh_samples_report("probe_empty", &empty_probes, 0, NULL);
	time_null_hypercall(overhead);
	time_console_write();
	time_yield_switch(overhead);
	return 0;
}
