/*
 * A cold restart of a partition that spans two CPUs (tests/configs/smp_cold.c: vcpu 0 on CPU 0,
 * vcpu 1 on CPU 1, windows on both at the same time). `loads` is initialised data: a cold
 * restart reloads the image, so every start finds it at LOADED, and each start makes it one
 * more. vcpu 0 starts vcpu 1, which prints a line every BEAT_NS it runs. In the second window
 * after a start one vcpu faults (a write to an unmapped page), while the other runs on its CPU:
 * vcpu 0 after the first start, when vcpu 1 rings it (a doorbell across CPUs) at its
 * RING_AT_BEAT-th beat in that window; vcpu 1, on the other CPU, after the second start; from
 * the third start on, none.
 */
#include <bulkhead.h>

#define LOADED 7u
#define FAULT_IN_WINDOW 2u
#define BEAT_NS 100000u
#define RING_AT_BEAT 3u

static volatile uint32_t loads = LOADED;
static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static uint8_t vcpu1_stack[4096] __attribute__((aligned(16)));
static volatile uint32_t ring;          /* vcpu 1 asks vcpu 0 to fault */
static volatile uint32_t *const unmapped = (volatile uint32_t *)0x00001000;

static uint32_t restarts(void)
{
	struct bh_partition_status st = { 0 };

	bh_partition_status(BH_SELF, &st);
	return st.restarts;
}

static uint32_t faulting_vcpu(uint32_t restart)
{
	return restart < 2 ? restart : 2;
}

/* vcpu 1: a line every BEAT_NS of its own running; the fault when it is its turn. */
static void second(void *arg)
{
	uint32_t restart = restarts(), beats = 0, in_window = 0, window = 0;
	uint64_t next = bh_time_ns();

	(void)arg;
	for (;;) {
		uint64_t now = bh_time_ns();
		struct bh_partition_status st = { 0 };

		if (now < next)
			continue;
		bh_partition_status(BH_SELF, &st);
		printf("vcpu 1 beat %u at t=%llu ns, loads %u, window %u\n", ++beats, now, loads,
		       st.windows_entered);
		in_window = st.windows_entered == window ? in_window + 1 : 1;
		window = st.windows_entered;
		if (faulting_vcpu(restart) == 0 && window >= FAULT_IN_WINDOW && in_window == RING_AT_BEAT) {
			printf("vcpu 1 rings vcpu 0 at t=%llu ns\n", bh_time_ns());
			ring = 1;
			bh_vint_doorbell(BH_SELF, 0);
		}
		if (faulting_vcpu(restart) == 1 && st.windows_entered >= FAULT_IN_WINDOW) {
			printf("vcpu 1 faults at t=%llu ns\n", bh_time_ns());
			*unmapped = 1;
		}
		next = now + BEAT_NS;
	}
}

int main(void)
{
	uint32_t restart = restarts(), seen = 0;

	printf("start after %u restarts at t=%llu ns: loads %u\n", restart, bh_time_ns(), loads);
	loads++;
	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	bh_set_mode(BH_MODE_NORMAL);
	bh_vcpu_start(1, second, NULL, vcpu1_stack, sizeof(vcpu1_stack));
	for (;;) {
		uint64_t start;

		seen = bh_window_next(seen, &start);
		printf("window %u start t=%llu ns\n", seen, start);
		if (faulting_vcpu(restart) == 0 && seen >= FAULT_IN_WINDOW) {
			/* blocked, not spinning, so that its CPU idles while vcpu 1 runs */
			while (!ring)
				bh_vint_block();
			printf("vcpu 0 faults at t=%llu ns\n", bh_time_ns());
			*unmapped = 1;
		}
	}
}
