/*
 * Two vcpus of one partition in parallel (tests/configs/smp_twins.c: vcpu 0 on CPU 0, vcpu 1 on
 * CPU 1, windows on both CPUs at the same time). In each window vcpu 0 waits until both windows
 * are open, rings vcpu 1 (a doorbell, across CPUs), and both write STAMPS get_time stamps, one
 * every STEP_NS, into their own arrays. In the next window vcpu 0 merges the two arrays by time
 * and prints each one's range and how often the merged order changes vcpu: both ran in the same
 * window when the ranges overlap and the order changes many times.
 * QEMU runs its CPUs one at a time, each for a slice that ends at the next timer deadline of any
 * CPU: each vcpu keeps a periodic virtual timer of TICK_NS while it records, so that the slices,
 * and so the interleaving of the stamps, are that fine.
 */
#include <bulkhead.h>

#define STAMPS 200
#define STEP_NS 2000u
#define ROUNDS 4
#define TICK_NS 10000u
#define BOTH_OPEN_NS 600000u    /* from vcpu 0's window start: CPU 1's window has begun */

struct stamps {
	uint64_t at[STAMPS];
	volatile uint32_t round;    /* the round whose stamps `at` holds */
};

static struct stamps stamps[2];
static volatile uint32_t asked;    /* the round vcpu 0 rang for */
static uint8_t upcall_stacks[2][2048] __attribute__((aligned(16)));
static uint8_t vcpu1_stack[4096] __attribute__((aligned(16)));

static void record(struct stamps *s, uint32_t round)
{
	uint64_t next = bh_time_ns();

	bh_vint_set_timer(TICK_NS, TICK_NS);
	for (int i = 0; i < STAMPS; i++) {
		uint64_t now;

		while ((now = bh_time_ns()) < next)
			;
		s->at[i] = now;
		next = now + STEP_NS;
	}
	bh_vint_set_timer(0, 0);
	__atomic_store_n(&s->round, round, __ATOMIC_RELEASE);
}

static void ignore(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)line;
	(void)frame;
}

/* vcpu 1: a round each time vcpu 0 asks (a doorbell that came before delivery was on has
 * been taken by the upcall already: `asked` tells). */
static void second(void *arg)
{
	uint32_t done = 0, round;

	(void)arg;
	bh_upcall_register(ignore, upcall_stacks[1], sizeof(upcall_stacks[1]));
	bh_vint_enable(1);
	for (;;) {
		round = __atomic_load_n(&asked, __ATOMIC_ACQUIRE);
		if (round == done) {
			bh_vint_block();
			continue;
		}
		record(&stamps[1], round);
		done = round;
	}
}

/* The merged order's changes of vcpu, and each array's first and last stamp. */
static void verdict(uint32_t round)
{
	uint32_t i = 0, j = 0, changes = 0, last = 2;

	if (__atomic_load_n(&stamps[1].round, __ATOMIC_ACQUIRE) != round) {
		printf("round %u: vcpu 1 has not finished (its round %u)\n", round, stamps[1].round);
		return;
	}
	while (i < STAMPS || j < STAMPS) {
		uint32_t who = j == STAMPS || (i < STAMPS && stamps[0].at[i] <= stamps[1].at[j]) ? 0 : 1;

		if (who == 0)
			i++;
		else
			j++;
		changes += last != 2 && who != last;
		last = who;
	}
	printf("round %u: vcpu 0 from %llu to %llu ns, vcpu 1 from %llu to %llu ns, %u changes\n",
	       round, stamps[0].at[0], stamps[0].at[STAMPS - 1], stamps[1].at[0],
	       stamps[1].at[STAMPS - 1], changes);
}

int main(void)
{
	uint32_t seen = 0;

	bh_watch_windows(upcall_stacks[0], sizeof(upcall_stacks[0]));
	bh_set_mode(BH_MODE_NORMAL);
	bh_vcpu_start(1, second, NULL, vcpu1_stack, sizeof(vcpu1_stack));
	for (uint32_t round = 1;; round++) {
		uint64_t start;

		seen = bh_window_next(seen, &start);
		if (round > 1 && round <= ROUNDS + 1)
			verdict(round - 1);
		if (round > ROUNDS)
			continue;
		while (bh_time_ns() < start + BOTH_OPEN_NS)
			;
		__atomic_store_n(&asked, round, __ATOMIC_RELEASE);
		bh_vint_doorbell(BH_SELF, 1);
		record(&stamps[0], round);
	}
}
