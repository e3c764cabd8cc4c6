/*
 * A one-shot timer expiring outside the partition's window: it is delivered at the start of the
 * partition's next window (public/vint.h says so). The window is 30 us of each 1 ms frame.
 */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint64_t delivered_ns;

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_TIMER)
		delivered_ns = bh_time_ns();
}

int main(void)
{
	uint64_t armed = bh_time_ns();

	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_mask(BH_VINT_WINDOW_START, 1);
	bh_vint_set_timer(0, 3500000);      /* half a frame off: expires outside its 30 us window */
	bh_vint_enable(1);
	printf("one-shot armed at %llu ns for %llu ns\n", armed, armed + 3500000);
	while (!delivered_ns)
		bh_vint_block();
	printf("one-shot delivered at %llu ns\n", delivered_ns);
	for (;;)
		bh_vint_block();
}
