/*
 * apex_port_plain (tests/configs/apex_ports.c): a plain Bulkhead partition, no APEX layer, at the
 * other end of apex_port_checks' ports. In its first window it writes the sample "from plain"
 * (once: it goes stale later); from its second window on it echoes every message that comes on
 * "q_out" back on "q_in". It prints the sample and the messages the APEX partition sent.
 */
#include <bulkhead.h>

int main(void)
{
	int32_t s_out = bh_port_open("s_out", NULL), s_in = bh_port_open("s_in", NULL);
	int32_t q_out = bh_port_open("q_out", NULL), q_in = bh_port_open("q_in", NULL);
	uint32_t window = 0, sample_seen = 0;
	char message[33];

	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		struct bh_sample_info info;
		int32_t n;

		window = bh_window_wait_after(window);
		if (window == 1)
			bh_sampling_write(s_in, "from plain", 10);
		n = bh_sampling_read(s_out, message, sizeof(message) - 1, &info);
		if (n >= 0 && !sample_seen) {
			message[n] = '\0';
			printf("window %u: sample from the APEX partition: '%s' (%s)\n", window, message,
			       info.valid ? "valid" : "stale");
			sample_seen = 1;
		}
		if (window < 2)
			continue;
		while ((n = bh_queuing_receive(q_out, message, sizeof(message) - 1, 0)) >= 0) {
			int32_t echoed = bh_queuing_send(q_in, message, (uint32_t)n);

			message[n] = '\0';
			printf("window %u: received '%s' from the APEX partition, echoed: %s\n", window,
			       message, bh_strerror(echoed));
		}
	}
}
