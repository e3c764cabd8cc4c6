/* A partition that is neither end of any channel: every port is refused to it. */
#include <bulkhead.h>

int main(void)
{
	printf("open stream: %d\n", bh_port_open("stream", NULL));
	printf("open gauge: %d\n", bh_port_open("gauge", NULL));
	printf("send on a handle never opened: %d\n", bh_queuing_send(0, "x", 1));
	for (;;)
		bh_vint_block();
}
