/* Sends one numbered message in each of its windows to stale_wait (tests/configs/stale_wait.c). */
#include <bulkhead.h>

int main(void)
{
	int32_t port = bh_port_open("poke", NULL);
	uint32_t seen = 0;

	for (uint32_t n = 0;; n++) {
		int32_t err;

		seen = bh_window_wait_after(seen);
		err = bh_queuing_send(port, &n, sizeof(n));
		if (err && err != BH_ENOSPC)
			printf("send %u: %d\n", n, err);
	}
}
