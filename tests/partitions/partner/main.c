/* The other end of a partition doorbell: may be rung by 'doorbells', may not ring it back. */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t rung;

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_PARTITION_DOORBELL)
		rung++;
}

int main(void)
{
	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_mask(BH_VINT_WINDOW_START, 1);
	bh_vint_enable(1);
	printf("ring back: %d\n", bh_vint_doorbell(0, 0));
	while (!rung)
		bh_vint_block();
	printf("partition doorbell received (%u)\n", rung);
	for (;;)
		bh_vint_block();
}
