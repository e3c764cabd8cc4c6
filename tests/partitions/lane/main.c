/*
 * One image, two partitions (tests/configs/lanes.c): each lane counts its windows in a variable of
 * its own memory, at the same virtual address in both. Lane 1 faults at its third count; the
 * health monitor restarts it cold, from a fresh copy of the image, while lane 0 counts on.
 */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static uint32_t counter;
static volatile uint32_t *const unmapped = (volatile uint32_t *)0x00001000;

int main(void)
{
	uint32_t id = bh_partition_id(), seen = 0;

	printf("lane %u starts, counter at %p is %u\n", id, (void *)&counter, counter);
	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	for (;;) {
		uint64_t start;

		seen = bh_window_next(seen, &start);
		printf("window %u start t=%llu ns\n", seen, start);
		counter++;
		printf("lane %u counter %u\n", id, counter);
		if (id == 1 && counter == 3)
			*unmapped = 1;   /* page fault: nothing is mapped below the partition */
	}
}
