/* Demo sensor: one altitude sample per window on the sampling port "altitude". */
#include <bulkhead.h>

int main(void)
{
	struct bh_window_watch w = { 0 };
	int32_t port = bh_port_open("altitude", NULL);
	uint32_t altitude = 1000;

	printf("started on vcpu %u, port 'altitude' handle %d\n", bh_vcpu_index(), port);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		if (!bh_window_begins(&w))
			continue;
		altitude += 7;
		bh_sampling_write(port, &altitude, sizeof(altitude));
		printf("window %u start t=%llu ns vcpu 0: altitude %u written\n", w.count, w.start_ns,
		       altitude);
	}
}
