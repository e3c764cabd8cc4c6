/*
 * A system partition counting whose records the health-monitor log holds, once hm_flood's 300
 * errors are in (configs hm_census): the others' records must have survived the flood.
 */
#include <bulkhead.h>

#define FLOOD 300

int main(void)
{
	struct bh_hm_record r;
	uint32_t held[8], index, newest = 0, seen_flood;

	for (;;) {
		for (uint32_t i = 0; i < 8; i++)
			held[i] = 0;
		seen_flood = 0;
		for (index = 0; bh_hm_read_log(index, &r) == 0; index++) {
			if (r.partition < 8)
				held[r.partition]++;
			if (r.event == BH_HM_EVENT_APPLICATION_ERROR && r.code == FLOOD - 1)
				seen_flood = 1;
			newest = r.sequence;
		}
		if (seen_flood)
			break;
		bh_yield();
	}
	printf("the log holds %u records, the newest %u: partition 0 %u, partition 1 %u, "
	       "partition 2 %u\n", index, newest, held[0], held[1], held[2]);
	for (;;)
		bh_yield();
}
