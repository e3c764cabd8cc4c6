/*
 * demo_smp's crunch: two vcpus on two CPUs, in windows at the same time. In each window vcpu 0
 * deals a job (a checksum over TERMS numbers), rings vcpu 1 for the upper half and works the
 * lower half itself; each adds its half to the total under a lock held only for the addition,
 * and vcpu 1 rings back when it is done. Neither waits by polling: each blocks in vint_block
 * until the other's doorbell. vcpu 0 then works the whole job alone to check the total, and
 * prints whether the two halves were worked at the same time (their time stamps overlap).
 */
#include <bulkhead.h>

#define TERMS 40000u
#define HALF (TERMS / 2)

static uint8_t helper_stack[8192] __attribute__((aligned(16)));
static uint8_t upcall_stacks[2][2048] __attribute__((aligned(16)));

/* The job, in the partition's own memory: `dealt` and `finished` are each one vcpu's to write. */
static struct {
	volatile uint32_t dealt, finished;
	uint32_t base;
	uint32_t lock;
	uint64_t total;
	uint64_t helper_from, helper_to;
} job;

static volatile uint32_t rings[2];

static void on_vint_0(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_DOORBELL)
		rings[0]++;
}

static void on_vint_1(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_DOORBELL)
		rings[1]++;
}

/* Until *what is `value`: with delivery off the check and the block cannot miss a doorbell (it
 * stays pending, and vint_block returns at once); delivery on between the two takes it. */
static void wait_for(const volatile uint32_t *what, uint32_t value)
{
	bh_vint_enable(0);
	while (*what != value) {
		bh_vint_block();
		bh_vint_enable(1);
		bh_vint_enable(0);
	}
	bh_vint_enable(1);
}

/* A sum of mixed terms: no closed form a compiler could put in the loop's place. */
static uint64_t checksum(uint32_t from, uint32_t count)
{
	uint64_t sum = 0;

	for (uint32_t i = from; i < from + count; i++)
		sum += (i * 2654435761u) ^ (i >> 3);
	return sum;
}

static void add_half(uint64_t part)
{
	while (__atomic_exchange_n(&job.lock, 1, __ATOMIC_ACQUIRE))
		__builtin_ia32_pause();
	job.total += part;
	__atomic_store_n(&job.lock, 0, __ATOMIC_RELEASE);
}

static void helper(void *arg)
{
	(void)arg;
	bh_upcall_register(on_vint_1, upcall_stacks[1], sizeof(upcall_stacks[1]));
	bh_vint_mask(BH_VINT_WINDOW_START, 1);
	bh_vint_enable(1);
	for (uint32_t n = 1;; n++) {
		wait_for(&job.dealt, n);
		job.helper_from = bh_time_ns();
		add_half(checksum(job.base + HALF, HALF));
		job.helper_to = bh_time_ns();
		__atomic_store_n(&job.finished, n, __ATOMIC_RELEASE);
		bh_vint_doorbell(BH_SELF, 0);
	}
}

int main(void)
{
	uint32_t window = 0;

	bh_upcall_register(on_vint_0, upcall_stacks[0], sizeof(upcall_stacks[0]));
	bh_vint_enable(1);
	bh_vcpu_start(1, helper, NULL, helper_stack, sizeof(helper_stack));
	bh_set_mode(BH_MODE_NORMAL);
	for (uint32_t n = 1;; n++) {
		uint64_t start, from, to, want;
		int parallel;

		window = bh_window_next(window, &start);
		job.base = n * TERMS;
		job.total = 0;
		__atomic_store_n(&job.dealt, n, __ATOMIC_RELEASE);
		bh_vint_doorbell(BH_SELF, 1);
		from = bh_time_ns();
		add_half(checksum(job.base, HALF));
		to = bh_time_ns();
		wait_for(&job.finished, n);
		want = checksum(job.base, TERMS);
		parallel = job.helper_from < to && from < job.helper_to;
		printf("window %u: job %u: sum %llu %s, halves worked %s (vcpu 0 %llu-%llu us, vcpu 1 "
		       "%llu-%llu us into the window)\n", window, n, job.total,
		       job.total == want ? "right" : "WRONG",
		       parallel ? "in parallel" : "one after the other", (from - start) / 1000,
		       (to - start) / 1000, (job.helper_from - start) / 1000,
		       (job.helper_to - start) / 1000);
	}
}
