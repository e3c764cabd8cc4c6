/* Brings the CPU up, in the order each step needs the previous ones. */
#include <segments.h>
#include <paging.h>
#include <cpu.h>
#include <core/arch.h>
#include <core/panic.h>

void arch_init(void)
{
	gdt_init();
	idt_init();
	paging_init();
	cpu_features_init();
	if (fpu_init() != 0)
		panic("the CPU lacks FXSR/SSE, which vcpu FPU isolation needs");
}
