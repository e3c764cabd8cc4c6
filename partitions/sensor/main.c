/* Demo sensor: one altitude sample per window on the sampling port "altitude". */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	int32_t port;
	uint32_t seen = 0, altitude = 1000;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	port = bh_port_open("altitude", NULL);
	if (port < 0)
		printf("started on vcpu %u, port 'altitude' not opened: %s\n", bh_vcpu_index(),
		       bh_strerror(port));
	else
		printf("started on vcpu %u, port 'altitude' handle %d\n", bh_vcpu_index(), port);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start;
		uint32_t window = bh_window_current(&start);

		if (window == seen)
			continue;
		seen = window;
		altitude += 7;
		bh_sampling_write(port, &altitude, sizeof(altitude));
		printf("window %u start t=%llu ns: altitude %u written\n", seen, start, altitude);
	}
}
