/*
 * Priority preemption: vcpu 1 (priority 2) sleeps in vint_block while vcpu 0 (priority 1) spins;
 * each wake must run vcpu 1 at once, not at the end of vcpu 0's quantum (4 ms, longer than the
 * window). First its own one-shot timers wake it (the timer interrupt's decision), then vcpu 0's
 * doorbells (a wake inside vcpu 0's hypercall: vcpu 1 must have run before that call returns).
 * vcpu 0 also prints the window starts.
 */
#include <bulkhead.h>

#define ROUNDS 20
#define SLEEP_NS 200000ull

static uint8_t upcall_stacks[2][2048] __attribute__((aligned(16)));
static uint8_t high_stack[4096] __attribute__((aligned(16)));
static volatile uint32_t spins, doorbell_phase;
static volatile uint64_t woke_at;

static void on_upcall(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_TIMER || line == BH_VINT_DOORBELL)
		woke_at = bh_time_ns();
}

static void high(void *arg)
{
	uint64_t worst = 0;
	uint32_t rounds = 0, low_ran = 0;

	(void)arg;
	bh_upcall_register(on_upcall, upcall_stacks[1], sizeof(upcall_stacks[1]));
	bh_vint_enable(1);
	while (rounds < ROUNDS) {
		struct bh_partition_status st = { 0 };
		uint64_t now = bh_time_ns(), expiry;
		uint32_t before;

		bh_partition_status(BH_SELF, &st);
		if (st.window_end_ns < now + 3 * SLEEP_NS) {
			/* too close to the window's end: sleep into the next window, uncounted */
			bh_vint_set_timer(0, st.window_end_ns + 2 * SLEEP_NS - now);
			bh_vint_block();
			continue;
		}
		woke_at = 0;
		before = spins;
		expiry = bh_time_ns() + SLEEP_NS;
		bh_vint_set_timer(0, SLEEP_NS);
		while (!woke_at)
			bh_vint_block();
		low_ran += spins != before;
		if (woke_at - expiry > worst)
			worst = woke_at - expiry;
		rounds++;
	}
	printf("preemption: %u wakes, worst %llu ns after expiry, the low vcpu ran meanwhile in %u\n",
	       rounds, worst, low_ran);
	doorbell_phase = 1;
	for (;;)
		bh_vint_block();
}

static uint32_t state_of(uint32_t vcpu)
{
	struct bh_partition_status st = { 0 };

	bh_partition_status(BH_SELF, &st);
	return st.vcpu_state[vcpu];
}

/* On vcpu 0: rings the blocked vcpu 1; returns whether vcpu 1 ran before the ring returned. */
static uint32_t ring(uint64_t *latency)
{
	uint64_t rang;
	uint32_t ran;

	woke_at = 0;
	rang = bh_time_ns();
	bh_vint_doorbell(BH_SELF, 1);
	ran = woke_at != 0;
	*latency = ran ? woke_at - rang : 0;
	return ran;
}

int main(void)
{
	uint32_t seen = 0, rings = 0, before_return = 0;
	uint64_t worst = 0;

	bh_watch_windows(upcall_stacks[0], sizeof(upcall_stacks[0]));
	bh_vcpu_start(1, high, NULL, high_stack, sizeof(high_stack));
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start;
		uint32_t window = bh_window_current(&start);

		spins++;
		if (doorbell_phase && rings < ROUNDS && state_of(1) == BH_VCPU_BLOCKED) {
			uint64_t latency;

			before_return += ring(&latency);
			if (latency > worst)
				worst = latency;
			if (++rings == ROUNDS)
				printf("doorbell preemption: %u rings, vcpu 1 ran before the ring returned "
				       "in %u, worst %llu ns after the ring\n", rings, before_return, worst);
		}
		if (window != seen) {
			seen = window;
			printf("window %u start t=%llu ns\n", seen, start);
		}
	}
}
