/*
 * Hostile: the instructions that read the kernel's descriptor-table registers and CR0 from
 * ring 3. With UMIP each is #GP (the deployment restarts the partition warm and `step`, kept
 * in memory, moves on); without it each runs and the partition prints what it saw.
 */
#include <bulkhead.h>

static volatile uint32_t step;

int main(void)
{
	static const char *const names[] = { "sgdt", "sidt", "sldt", "str", "smsw" };
	enum { N = sizeof(names) / sizeof(names[0]) };
	struct { uint16_t limit; uint32_t base; } __attribute__((packed)) table = { 0, 0 };
	uint32_t s = step++, value = 0;

	if (s >= N) {
		printf("all %u steps done\n", s);
		for (;;)
			bh_yield();
	}
	switch (s) {
	case 0: __asm__ volatile("sgdt %0" : "=m"(table)); value = table.base; break;
	case 1: __asm__ volatile("sidt %0" : "=m"(table)); value = table.base; break;
	case 2: __asm__ volatile("sldt %0" : "=r"(value)); break;
	case 3: __asm__ volatile("str %0" : "=r"(value)); break;
	case 4: __asm__ volatile("smsw %0" : "=r"(value)); break;
	}
	printf("step %u: %s ran in ring 3: 0x%08x\n", s, names[s], value);
	/* only without UMIP: go on to the next step */
	bh_set_mode(BH_MODE_WARM_START);
	return 0;
}
