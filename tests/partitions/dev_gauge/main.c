/*
 * Measures what device interrupts cost its windows (configs dev_flood): spins reading the TSC
 * (under icount, 1 tick per instruction) and counts each gap between two reads that is longer
 * than the loop and shorter than a window boundary; after REPORT_WINDOWS windows, prints how
 * many there were and the longest, once, with nothing else in its windows to blur them.
 */
#include <bulkhead.h>

#define LOOP_MAX 100            /* ticks: the loop itself, with room */
#define BOUNDARY 50000          /* ticks: longer is another window's */
#define REPORT_WINDOWS 20

int main(void)
{
	uint64_t last = bh_rdtsc(), worst = 0;
	uint32_t gaps = 0, windows = 0;

	while (windows < REPORT_WINDOWS) {
		uint64_t now = bh_rdtsc(), gap = now - last;

		if (gap >= BOUNDARY)
			windows++;
		else if (gap > LOOP_MAX) {
			gaps++;
			if (gap > worst)
				worst = gap;
		}
		last = now;
	}
	printf("in %u windows: %u interruptions, the longest %llu ticks\n", windows, gaps, worst);
	for (;;)
		bh_yield();
}
