/*
 * Virtual interrupt delivery rules, checked from inside: a masked line and a disabled vcpu hold a
 * doorbell back until unmasked/enabled, then it arrives exactly once; a sibling blocked in
 * vint_block wakes on a doorbell; another partition may be rung only where the config allows.
 */
#include <bulkhead.h>

static uint8_t upcall_stacks[2][2048] __attribute__((aligned(16)));
static uint8_t vcpu1_stack[4096] __attribute__((aligned(16)));
static volatile uint32_t doorbells[2];
static volatile uint32_t vcpu1_wakeups;

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_DOORBELL)
		doorbells[bh_vcpu_index()]++;
}

static void expect(const char *what, uint32_t got, uint32_t want)
{
	printf("check %s: got %u want %u %s\n", what, got, want, got == want ? "ok" : "FAIL");
}

/* Gives delivery every chance to happen: several kernel exits. */
static void settle(void)
{
	for (int i = 0; i < 20; i++)
		bh_nop();
}

static void sleeper(void *arg)
{
	(void)arg;
	bh_upcall_register(on_vint, upcall_stacks[1], sizeof(upcall_stacks[1]));
	bh_vint_mask(BH_VINT_WINDOW_START, 1);
	bh_vint_enable(1);
	for (;;) {
		bh_vint_block();
		vcpu1_wakeups++;
	}
}

int main(void)
{
	struct bh_partition_status st;

	bh_upcall_register(on_vint, upcall_stacks[0], sizeof(upcall_stacks[0]));
	bh_vint_mask(BH_VINT_WINDOW_START, 1);
	bh_vint_enable(1);

	bh_vint_mask(BH_VINT_DOORBELL, 1);
	bh_vint_doorbell(BH_SELF, 0);
	settle();
	expect("masked doorbell held back", doorbells[0], 0);
	bh_vint_mask(BH_VINT_DOORBELL, 0);
	settle();
	expect("unmasked doorbell delivered once", doorbells[0], 1);

	bh_vint_enable(0);
	bh_vint_doorbell(BH_SELF, 0);
	bh_vint_doorbell(BH_SELF, 0);
	settle();
	expect("doorbell held back while disabled", doorbells[0], 1);
	bh_vint_enable(1);
	settle();
	expect("two doorbells while disabled arrive as one", doorbells[0], 2);

	bh_vcpu_start(1, sleeper, NULL, vcpu1_stack, sizeof(vcpu1_stack));
	while (!vcpu1_wakeups && bh_partition_status(BH_SELF, &st) == 0 &&
	       st.vcpu_state[1] != BH_VCPU_BLOCKED)
		bh_yield();
	bh_partition_status(BH_SELF, &st);
	expect("sibling blocked in vint_block", st.vcpu_state[1], BH_VCPU_BLOCKED);
	bh_vint_doorbell(BH_SELF, 1);
	for (int i = 0; i < 50 && !doorbells[1]; i++)
		bh_yield();
	expect("sibling woken by a doorbell", doorbells[1], 1);

	printf("ring partner: %d\n", bh_vint_doorbell(1, 0));
	printf("doorbells: checks done\n");
	/* vcpu 0 now spins while vcpu 1 stays blocked: its time must stay near zero. It rings the
	 * partner once a window for a while: a doorbell rung before the partner is loaded is lost,
	 * as an interrupt sent to a CPU that is not up yet. */
	for (uint32_t window = 0, rings = 0;; ) {
		if (bh_partition_status(BH_SELF, &st) == 0 && st.windows_entered != window && rings < 20) {
			window = st.windows_entered;
			rings++;
			bh_vint_doorbell(1, 0);
		}
	}
}
