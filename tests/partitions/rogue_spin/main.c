/*
 * Hostile to its own sibling: vcpu 1 spins forever and never yields. vcpu 0 counts the windows in
 * which it still got the CPU, which the quantum guarantees. The spinner measures how long it
 * runs each time it gets the CPU (a jump in the TSC between two of its reads is time it did not
 * run), so the quantum itself is measured, not only its effect on the split.
 */
#include <bulkhead.h>

static uint8_t spinner_stack[4096] __attribute__((aligned(16)));
/* TSC cycles between two reads of the spinner's loop beyond which it was off the CPU */
#define OFF_CPU_GAP 2000
static volatile uint32_t spins, runs;
static volatile uint64_t longest_run;

static void spin(void *arg)
{
	uint64_t last = bh_rdtsc(), run_start = last;

	(void)arg;
	for (;;) {
		uint64_t now = bh_rdtsc();

		if (now - last > OFF_CPU_GAP) {
			if (last - run_start > longest_run)
				longest_run = last - run_start;
			runs++;
			run_start = now;
		}
		last = now;
		spins++;
	}
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
			printf("vcpu 0 ran in window %u (%u windows so far), spinner at %u, "
			       "%u runs, longest %llu cycles\n", last_window, windows_with_cpu, spins,
			       runs, longest_run);
		}
	}
}
