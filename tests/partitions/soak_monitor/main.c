/*
 * Soak's system partition: reads every new health-monitor record in each of its windows and
 * checks that each is the faulty partition's invalid opcode, answered by a warm restart, with no
 * record lost between two reads (the sequence numbers follow on).
 */
#include <bulkhead.h>

#define REPORT_EVERY 100
#define INVALID_OPCODE 6

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	uint32_t seen = 0, next = 0, events = 0, unexpected = 0, missed = 0, source = BH_SELF;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		struct bh_hm_record r;
		uint64_t start;

		seen = bh_window_next(seen, &start);
		printf("window %u start t=%llu ns\n", seen, start);
		for (uint32_t i = 0; bh_hm_read_log(i, &r) == 0; i++) {
			if (r.sequence < next)
				continue;
			missed += r.sequence - next;
			next = r.sequence + 1;
			events++;
			if (source == BH_SELF)
				source = r.partition;
			unexpected += r.partition != source || r.vcpu != 0 ||
				      r.event != INVALID_OPCODE || r.action != BH_HM_ACTION_WARM_RESTART;
		}
		if (seen % REPORT_EVERY == 0)
			printf("window %u: %u events, all from partition %u: %u unexpected, %u missed\n",
			       seen, events, source, unexpected, missed);
	}
}
