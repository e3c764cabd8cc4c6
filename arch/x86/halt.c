/* Stopping the CPU for good: interrupts off, then halt (an NMI would only halt it again). */
#include <core/arch.h>

void arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}
