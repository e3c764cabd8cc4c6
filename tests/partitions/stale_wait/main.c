/*
 * Each round, at the start of its window (offset 0 of a 1 ms frame), the receiver waits for a
 * message with a 1,200 us timeout: the deadline falls 200 us into its next window. stale_poke
 * sends at 500 us, which ends the wait early. In the next window the receiver spins for 300 us
 * across the dead deadline, reading the TSC: under -icount any interrupt shows as a gap of
 * hundreds of instructions between two reads.
 */
#include <bulkhead.h>

#define ROUNDS 8u
#define TIMEOUT_US 1200u
#define SPIN_NS 300000u

static uint32_t windows_entered(void)
{
	struct bh_partition_status st = { 0 };

	bh_partition_status(BH_SELF, &st);
	return st.windows_entered;
}

int main(void)
{
	uint32_t seen = windows_entered(), blocked = 0, worst_gap = 0;
	int32_t port = bh_port_open("poke", NULL);

	for (uint32_t round = 0; round < ROUNDS; round++) {
		uint32_t value, gap = 0;
		uint64_t before, resumed, last;
		int32_t n;

		/* the start of a fresh window, with the queue emptied so that the wait blocks */
		seen = bh_window_wait_after(seen);
		while (bh_queuing_receive(port, &value, sizeof(value), 0) == (int32_t)sizeof(value))
			;
		before = bh_time_ns();
		n = bh_queuing_receive(port, &value, sizeof(value), TIMEOUT_US);
		resumed = bh_time_ns();
		if (n != (int32_t)sizeof(value)) {
			printf("round %u: receive %d\n", round, n);
			break;
		}
		/* woken in another window: the wait really was cut short by the message */
		if (resumed - before > 500000u)
			blocked++;
		last = bh_rdtsc();
		for (uint64_t end = last + SPIN_NS; last < end;) {
			uint64_t now = bh_rdtsc();

			if (now - last > gap)
				gap = (uint32_t)(now - last);
			last = now;
		}
		if (gap > worst_gap)
			worst_gap = gap;
		printf("round %u: message %u, waited %llu ns, largest TSC gap %u\n", round, value,
		       resumed - before, gap);
		seen = windows_entered();
	}
	printf("rounds %u, blocked %u, largest TSC gap %u\n", ROUNDS, blocked, worst_gap);
	for (;;)
		bh_vint_block();
}
