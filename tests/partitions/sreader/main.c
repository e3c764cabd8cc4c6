/* Sampling port destination: reports each sample's value, age and validity. */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	struct bh_sample_info info;
	struct bh_port_info port_info;
	uint64_t start;
	uint32_t seen = 0, window, value;
	int32_t port, n;

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	port = bh_port_open("gauge", &port_info);
	printf("gauge: refresh %llu ns\n", port_info.refresh_ns);
	for (;;) {
		window = bh_window_current(&start);
		if (window != seen && window <= 40) {
			n = bh_sampling_read(port, &value, sizeof(value), &info);
			if (n < 0)
				printf("window %u: read %d\n", window, n);
			else
				printf("window %u at %llu ns: value %u age %llu ns %s\n", window, bh_time_ns(),
				       value, info.age_ns, info.valid ? "valid" : "stale");
		}
		seen = window;
		bh_vint_block();
	}
}
