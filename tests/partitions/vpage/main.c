/*
 * The shared vcpu page (public/vint.h, vint_set_info): its errors, `pending` showing what the
 * kernel raised, `mask` and `enabled` written in the page holding delivery back until
 * bh_vint_sync, no nesting while an upcall runs, the time read from it against get_time (under
 * -icount), and, after a warm restart (memory kept), a page the kernel no longer touches.
 * Doorbells to itself are the lines the kernel raises.
 */
#include <bulkhead.h>

#define MEMORY_END (BH_PARTITION_BASE + 256 * 1024)   /* tests/configs/abi2.c */
#define DOORBELL (1u << BH_VINT_DOORBELL)
#define ALL_LINES ((1u << BH_VINT_LINES) - 1)
#define TIME_READS 3000
#define UNBROKEN_NS 10000   /* a pair of get_time readings this close had no window end between */

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static struct bh_vcpu_info page __attribute__((aligned(8)));
static volatile struct bh_vcpu_info *const info = &page;
static uint32_t starts, failed;                           /* kept by the warm restart */
static volatile uint32_t delivered, depth, deepest, nest_test, enabled_seen;

static void check(const char *what, uint32_t got, uint32_t want)
{
	failed += got != want;
	printf("check %s: got %u want %u %s\n", what, got, want, got == want ? "ok" : "FAIL");
}

static void check_error(const char *what, int32_t got, int32_t want)
{
	failed += got != want;
	printf("check %s: got %d want %d %s\n", what, got, want, got == want ? "ok" : "FAIL");
}

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line != BH_VINT_DOORBELL)
		return;
	if (++depth > deepest)
		deepest = depth;
	delivered++;
	if (nest_test) {
		nest_test = 0;
		enabled_seen = info->enabled;
		/* enabling in the page while the upcall runs, and a line pending: no upcall inside */
		info->enabled = 1;
		bh_vint_doorbell(BH_SELF, 0);
		bh_nop();
	}
	depth--;
}

static void ring(void)
{
	bh_vint_doorbell(BH_SELF, 0);
}

static void page_checks(void)
{
	check_error("set_info misaligned", bh_vint_set_info((struct bh_vcpu_info *)((uint8_t *)&page + 4)),
		    BH_EINVAL);
	check_error("set_info outside memory",
		    bh_vint_set_info((struct bh_vcpu_info *)(uintptr_t)0x1000), BH_EFAULT);
	check_error("set_info across the end of memory",
		    bh_vint_set_info((struct bh_vcpu_info *)(uintptr_t)(MEMORY_END - 8)), BH_EFAULT);
	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	check_error("set_info", bh_vint_set_info(&page), 0);
	check("enabled at registration", info->enabled, 0);
	info->mask = ALL_LINES;
	info->enabled = 1;

	ring();
	check("pending shows a masked line", !!(info->pending & DOORBELL), 1);
	check("masked in the page: not delivered", delivered, 0);
	info->mask = ALL_LINES & ~DOORBELL;
	check("unmasked, before a sync: not delivered", delivered, 0);
	bh_vint_sync(info);
	check("unmasked, after bh_vint_sync: delivered", delivered, 1);
	check("pending cleared by the delivery", !!(info->pending & DOORBELL), 0);
	bh_nop();
	check("delivered exactly once", delivered, 1);

	info->enabled = 0;
	ring();
	bh_nop();
	check("disabled in the page: not delivered", delivered, 1);
	check("disabled in the page: pending", !!(info->pending & DOORBELL), 1);
	info->enabled = 1;
	bh_vint_sync(info);
	check("enabled in the page, after bh_vint_sync: delivered once", delivered, 2);

	nest_test = 1;
	ring();
	check("enabled in the page while in the upcall", enabled_seen, 0);
	check("upcalls nested", deepest, 1);
	check("the doorbell rung in the upcall, delivered after it", delivered, 4);
	check("enabled again after vint_return", info->enabled, 1);
	check_error("vint_mask writes the page", bh_vint_mask(BH_VINT_DOORBELL, 1), 0);
	check("mask in the page after vint_mask", !!(info->mask & DOORBELL), 1);
}

static void time_checks(void)
{
	uint64_t previous = 0;
	uint32_t backwards = 0, worst_outside = 0, worst_after = 0;

	for (uint32_t i = 0; i < TIME_READS; i++) {
		uint64_t before = bh_time_ns(), read = bh_info_time_ns(info), after = bh_time_ns();
		uint32_t outside = read < before ? (uint32_t)(before - read) :
				   read > after ? (uint32_t)(read - after) : 0;

		backwards += read < previous;
		previous = read;
		if (outside > worst_outside)
			worst_outside = outside;
		if (after - before < UNBROKEN_NS && read >= before && read - before > worst_after)
			worst_after = (uint32_t)(read - before);
	}
	printf("time: %u reads, %u backwards, worst %u ns outside [get_time before, after], "
	       "at most %u ns after the one before (%u ns apart at most)\n", TIME_READS, backwards, worst_outside,
	       worst_after, UNBROKEN_NS);
	check("page time reads that went backwards", backwards, 0);
	check("page time within 1 us of get_time", worst_outside <= 1000, 1);
}

static void after_restart_checks(void)
{
	uint32_t version = info->time_version, seen;
	struct bh_partition_status st;

	info->pending = 0;
	info->mask = 0;
	info->enabled = 1;
	bh_vint_mask(BH_VINT_DOORBELL, 1);
	ring();
	bh_nop();
	check("after the restart: pending not written", info->pending, 0);
	check("after the restart: mask not written", info->mask, 0);
	bh_partition_status(BH_SELF, &st);
	seen = bh_window_wait_after(st.windows_entered);
	(void)seen;
	check("after the restart: the time not rewritten at a window start",
	      info->time_version == version, 1);
}

int main(void)
{
	starts++;
	if (starts == 1) {
		bh_set_mode(BH_MODE_NORMAL);
		page_checks();
		time_checks();
		printf("warm restart\n");
		bh_set_mode(BH_MODE_WARM_START);
	}
	after_restart_checks();
	printf("vpage: checks done, %u failed\n", failed);
	for (;;)
		bh_vint_block();
}
