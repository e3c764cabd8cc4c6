/*
 * Hostile to its own sibling: vcpu 1 spins forever and never yields. vcpu 0 counts the windows in
 * which it still got the CPU, which the quantum guarantees.
 */
#include <bulkhead.h>

static uint8_t spinner_stack[4096] __attribute__((aligned(16)));
static volatile uint32_t spins;

static void spin(void *arg)
{
	(void)arg;
	for (;;)
		spins++;
}

int main(void)
{
	struct bh_partition_status st;
	uint32_t last_window = 0, windows_with_cpu = 0;

	bh_vcpu_start(1, spin, NULL, spinner_stack, sizeof(spinner_stack));
	for (;;) {
		if (bh_partition_status(BH_SELF, &st) == 0 && st.windows_entered != last_window) {
			last_window = st.windows_entered;
			windows_with_cpu++;
			printf("vcpu 0 ran in window %u (%u windows so far), spinner at %u\n",
			       last_window, windows_with_cpu, spins);
		}
	}
}
