/*
 * Hostile: one privileged instruction per start. The deployment restarts it warm after each
 * general-protection fault; memory survives a warm restart, so `step` walks the list.
 */
#include <bulkhead.h>

static volatile uint32_t step;

int main(void)
{
	static const char *const names[] = { "cli", "hlt", "in", "out", "lgdt", "mov cr3", "int 0x20",
					     "int 0x0e", "wrmsr" };
	uint32_t s = step++;
	uint8_t descriptor[6] = { 0 };

	if (s >= sizeof(names) / sizeof(names[0])) {
		printf("all %u privileged steps were stopped\n", s);
		for (;;)
			bh_yield();
	}
	printf("step %u: %s\n", s, names[s]);
	switch (s) {
	case 0: __asm__ volatile("cli"); break;
	case 1: __asm__ volatile("hlt"); break;
	case 2: __asm__ volatile("inb $0x60, %%al" : : : "eax"); break;
	case 3: __asm__ volatile("outb %%al, $0x80" : : "a"(0)); break;
	case 4: __asm__ volatile("lgdt %0" : : "m"(descriptor)); break;
	case 5: __asm__ volatile("mov %%eax, %%cr3" : : "a"(0)); break;
	case 6: __asm__ volatile("int $0x20"); break;
	case 7: __asm__ volatile("int $0x0e"); break;
	case 8: __asm__ volatile("wrmsr" : : "a"(0), "d"(0), "c"(0x10)); break;
	}
	printf("step %u: %s was not stopped: isolation broken\n", s, names[s]);
	return 0;
}
