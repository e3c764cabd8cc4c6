/*
 * partition_info (ABI 3) against tests/configs/abi3.c, and its start condition through each kind
 * of start: the first (NORMAL), a warm and a cold restart it asks for (PARTITION_RESTART), and a
 * cold restart by the health monitor (HM_PARTITION_RESTART, its general protection fault). Memory
 * is kept only by the warm restart, so each start finds what to do next from the condition.
 */
#include <bulkhead.h>

#define MEMORY_SIZE (256 * 1024)   /* tests/configs/abi3.c */
#define MEMORY_END (BH_PARTITION_BASE + MEMORY_SIZE)
#define PAGE 4096u

extern char __partition_end[];
static uint32_t starts;            /* kept by the warm restart only */
static uint32_t failed;

static void check(const char *what, int64_t got, int64_t want)
{
	failed += got != want;
	printf("check %s: got %lld want %lld %s\n", what, got, want, got == want ? "ok" : "FAIL");
}

static void info_checks(const struct bh_partition_info *info)
{
	uint32_t image_end = (BH_PTR(__partition_end) + PAGE - 1) & ~(PAGE - 1);

	check("id", info->id, bh_partition_id());
	check("memory_size", info->memory_size, MEMORY_SIZE);
	check("image_end: __partition_end page rounded up", info->image_end, image_end);
	check("stack_size", info->stack_size, 8192);
	check("vcpu_count", info->vcpu_count, 2);
	check("period_ns", info->period_ns, 1000000);
	check("duration_ns: its two windows", info->duration_ns, 150000);
	check("first_window_ns", info->first_window_ns, 0);
	check("apex_processes", info->apex_processes, 8);
	check("apex_stack_bytes", info->apex_stack_bytes, 64 * 1024);
	check("partition_info outside memory",
	      bh_partition_info((struct bh_partition_info *)(uintptr_t)0x1000), BH_EFAULT);
	check("partition_info across the end of memory",
	      bh_partition_info((struct bh_partition_info *)(uintptr_t)(MEMORY_END - 8)), BH_EFAULT);
}

int main(void)
{
	struct bh_partition_info info;
	int32_t r = bh_partition_info(&info);

	starts++;
	printf("start: partition_info %d, start condition %u, starts %u\n", r, info.start_condition,
	       starts);
	switch (info.start_condition) {
	case BH_START_NORMAL:
		info_checks(&info);
		printf("info: checks done, %u failed\n", failed);
		bh_set_mode(BH_MODE_WARM_START);
		break;
	case BH_START_PARTITION_RESTART:
		if (starts == 2) {
			bh_set_mode(BH_MODE_COLD_START);   /* memory reloaded: starts is 0 again */
			break;
		}
		__asm__ volatile("cli");              /* general protection: a cold restart */
		break;
	default:
		printf("info: started by the health monitor\n");
		break;
	}
	bh_vcpu_halt();
	return 0;
}
