/*
 * How long one console_write keeps the (non-preemptible) kernel busy, at its worst: 119 bytes
 * already waiting in the partition's line, then a long write without a newline (found by hc_fuzz,
 * seed 0x5eed0001: such writes printed three lines in one call and made the next window start
 * 21 us late). Each call must print at most one line and say how much it took.
 */
#include <bulkhead.h>

#define LONG 1000
#define ROUNDS 5

static char text[LONG];

int main(void)
{
	uint64_t worst = 0;
	uint32_t most = 0;

	memset(text, 'x', sizeof(text));
	for (int round = 0; round < ROUNDS; round++) {
		uint32_t done = 0;

		bh_console_write(text, 119);
		while (done < LONG) {
			uint64_t start = bh_time_ns();
			int32_t n = bh_console_write(text + done, LONG - done);
			uint64_t took = bh_time_ns() - start;

			if (n <= 0) {
				printf("\nwrite failed: %d\n", n);
				return 0;
			}
			done += (uint32_t)n;
			worst = took > worst ? took : worst;
			most = (uint32_t)n > most ? (uint32_t)n : most;
		}
		bh_console_write("\n", 1);
	}
	printf("longest write %llu ns, most bytes taken by one call %u\n", worst, most);
	return 0;
}
