/* Demo logger (system partition): prints the commands that arrive on the queuing port. */
#include <bulkhead.h>

int main(void)
{
	struct bh_window_watch w = { 0 };
	int32_t port = bh_port_open("commands", NULL);
	char command[64];

	printf("started on vcpu %u, port 'commands' handle %d\n", bh_vcpu_index(), port);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		int32_t n;

		if (bh_window_begins(&w))
			printf("window %u start t=%llu ns vcpu 0\n", w.count, w.start_ns);
		n = bh_queuing_receive(port, command, sizeof(command), 0);
		if (n > 0)
			printf("window %u received '%s'\n", w.count, command);
	}
}
