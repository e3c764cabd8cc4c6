/*
 * The vcpu lifecycle as the partition status hypercall shows it: up, pause, resume, reset and up
 * again (from the entry point), and halt.
 */
#include <bulkhead.h>

static uint8_t stacks[2][2048] __attribute__((aligned(16)));
static volatile uint32_t counter, starts;

static void count(void *arg)
{
	(void)arg;
	starts++;
	for (;;)
		counter++;
}

static void halt_at_once(void *arg)
{
	(void)arg;
}

static uint32_t state_of(uint32_t vcpu)
{
	struct bh_partition_status st;

	bh_partition_status(BH_SELF, &st);
	return st.vcpu_state[vcpu];
}

static void expect(const char *what, uint32_t got, uint32_t want)
{
	printf("check %s: got %u want %u %s\n", what, got, want, got == want ? "ok" : "FAIL");
}

/* Lets the sibling run for a few quanta. */
static void let_run(void)
{
	for (int i = 0; i < 20; i++)
		bh_yield();
}

int main(void)
{
	uint32_t before;

	expect("vcpu 1 before up", state_of(1), BH_VCPU_DOWN);
	bh_vcpu_start(1, count, NULL, stacks[0], sizeof(stacks[0]));
	let_run();
	expect("vcpu 1 after up", state_of(1), BH_VCPU_RUNNABLE);
	expect("vcpu 1 counts", counter > 0, 1);

	expect("pause", (uint32_t)bh_vcpu_pause(1), 0);
	expect("vcpu 1 paused", state_of(1), BH_VCPU_PAUSED);
	before = counter;
	let_run();
	expect("a paused vcpu does not run", counter == before, 1);
	expect("resume", (uint32_t)bh_vcpu_resume(1), 0);
	let_run();
	expect("vcpu 1 resumed", state_of(1), BH_VCPU_RUNNABLE);
	expect("a resumed vcpu runs again", counter > before, 1);

	expect("reset", (uint32_t)bh_vcpu_reset(1), 0);
	expect("vcpu 1 reset", state_of(1), BH_VCPU_DOWN);
	expect("up after reset", (uint32_t)bh_vcpu_start(1, count, NULL, stacks[0], sizeof(stacks[0])), 0);
	let_run();
	expect("restarted from its entry point", starts, 2);

	bh_vcpu_start(2, halt_at_once, NULL, stacks[1], sizeof(stacks[1]));
	let_run();
	expect("vcpu 2 halted itself", state_of(2), BH_VCPU_HALTED);
	expect("vcpu 0 running", state_of(0), BH_VCPU_RUNNING);
	printf("lifecycle: checks done\n");
	for (;;)
		bh_vint_block();
}
