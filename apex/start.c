/*
 * The layer's start, before main: what the deployment gives the partition, the memory above the
 * image, vcpu 0's upcalls. The same on every start: a warm restart keeps the memory, so nothing
 * here trusts what a run before left. An APEX image is linked with --wrap=main (mk/apex.mk):
 * the runtime's call of main comes here first, and the runtime itself is the same as every
 * other partition's.
 */
#include "core.h"

/* The image carries the APEX layer: the build and the kernel want `.apex` limits for it. */
__asm__(".pushsection .bulkhead_apex, \"\", @progbits\n\t.balign 4\n\t.long 1\n\t.popsection");

struct apex_core apex_core;
extern uint8_t __apex_state_start[], __apex_state_end[];

static void stop(const char *why) __attribute__((noreturn));
static void stop(const char *why)
{
	printf("APEX layer: %s; halting\n", why);
	for (;;)
		bh_vcpu_halt();
}

static void layer_start(void)
{
	struct bh_partition_info *info = &apex_core.partition;
	struct bh_partition_status status;
	uint32_t top, capacity;
	int32_t r;

	/* every table of the layer's, the service files' too (runtime/partition.ld) */
	memset(__apex_state_start, 0, (size_t)(__apex_state_end - __apex_state_start));
	apex_core.anchor = APEX_NEVER;
	r = bh_partition_info(info);
	if (r >= 0)
		r = bh_partition_status(BH_SELF, &status);
	if (r < 0) {
		printf("APEX layer: what the deployment gives the partition: %s\n", bh_strerror(r));
		stop("no partition information");
	}
	apex_core.mode = status.mode == BH_MODE_WARM_START ? WARM_START : COLD_START;
	apex_core.start_condition = (START_CONDITION_TYPE)info->start_condition;
	/* free: above the image, below vcpu 0's stack and its guard page */
	top = BH_PARTITION_BASE + info->memory_size - info->stack_size - BH_PAGE_SIZE;
	apex_memory_init((info->image_end + BH_PAGE_SIZE - 1) & ~(BH_PAGE_SIZE - 1), top);
	/* the deployment's limit, within the header's; and the error handler */
	apex_core.limit = info->apex_processes < SYSTEM_LIMIT_NUMBER_OF_PROCESSES ?
			  info->apex_processes : SYSTEM_LIMIT_NUMBER_OF_PROCESSES;
	capacity = apex_core.limit + 1;
	apex_core.processes = apex_alloc(capacity * sizeof(struct apex_process));
	if (!apex_core.processes || !apex_vcpus_init())
		stop("the memory above the image is too small for the layer");
	apex_core.capacity = capacity;
	apex_memory_reserve(info->apex_stack_bytes);
	apex_processes_init();
	apex_vcpu_setup();
}

int __real_main(void);
int __wrap_main(void);

int __wrap_main(void)
{
	layer_start();
	return __real_main();
}
