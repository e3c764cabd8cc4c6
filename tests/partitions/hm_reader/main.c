/* A system partition reading the health-monitor log by hypercall, newest records as they come. */
#include <bulkhead.h>

int main(void)
{
	struct bh_hm_record r;
	uint32_t printed = 0;

	for (;;) {
		/* records are indexed from the oldest held; this run holds fewer than the ring size */
		while (bh_hm_read_log(printed, &r) == 0) {
			printf("log %u: t=%llu event %u partition %u vcpu %u eip 0x%x address 0x%x code %u action %u\n",
			       r.sequence, r.time_ns, r.event, r.partition, r.vcpu, r.eip, r.address, r.code,
			       r.action);
			printed++;
		}
		bh_yield();
	}
}
