/* Demo logger (system partition): prints the commands that arrive on the queuing port. */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));

int main(void)
{
	int32_t port;
	uint32_t seen = 0;
	char command[64];

	bh_watch_windows(upcall_stack, sizeof(upcall_stack));
	port = bh_port_open("commands", NULL);
	if (port < 0)
		printf("started on vcpu %u, port 'commands' not opened: %s\n", bh_vcpu_index(),
		       bh_strerror(port));
	else
		printf("started on vcpu %u, port 'commands' handle %d\n", bh_vcpu_index(), port);
	bh_set_mode(BH_MODE_NORMAL);
	for (;;) {
		uint64_t start;
		uint32_t window = bh_window_current(&start);

		if (window != seen) {
			seen = window;
			printf("window %u start t=%llu ns\n", seen, start);
		}
		/* waits for a command, but never past the end of the window */
		if (bh_queuing_receive(port, command, sizeof(command), 500) > 0)
			printf("window %u received '%s'\n", seen, command);
	}
}
