/* Window watching: a window-start upcall records when the partition's newest window began. */
#include <bulkhead.h>

/*
 * Written by whichever vcpu takes the window's upcall first, read by any vcpu at any time:
 * `claimed` elects the writer, `start_ns` is written before `count` publishes it.
 */
static volatile uint32_t claimed, count;
static volatile uint64_t start_ns;

/* Called by the runtime's upcall dispatcher for BH_VINT_WINDOW_START. */
void bh_window_started(void)
{
	struct bh_partition_status st = { 0 };   /* written by the hypercall, which analyzers cannot see */
	uint64_t now = bh_time_ns();
	uint32_t seen = claimed;

	if (bh_partition_status(BH_SELF, &st) != 0 || st.windows_entered == seen)
		return;
	if (!__atomic_compare_exchange_n(&claimed, &seen, st.windows_entered, 0, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST))
		return;
	start_ns = now;
	__atomic_store_n(&count, st.windows_entered, __ATOMIC_SEQ_CST);
}

uint32_t bh_window_current(uint64_t *start)
{
	uint32_t before, after;

	do {
		before = __atomic_load_n(&count, __ATOMIC_SEQ_CST);
		*start = start_ns;
		after = __atomic_load_n(&count, __ATOMIC_SEQ_CST);
	} while (before != after);
	return after;
}

uint32_t bh_window_next(uint32_t seen, uint64_t *start)
{
	uint32_t window;

	while ((window = bh_window_current(start)) == seen)
		bh_vint_block();
	return window;
}

uint32_t bh_window_wait_after(uint32_t seen)
{
	struct bh_partition_status st = { 0 };

	do
		bh_partition_status(BH_SELF, &st);
	while (st.windows_entered == seen);
	return st.windows_entered;
}

int32_t bh_watch_windows(void *stack, uint32_t size)
{
	int32_t err = bh_upcall_register(NULL, stack, size);

	if (err)
		return err;
	return bh_vint_enable(1) < 0 ? BH_EINVAL : 0;
}
