/* Brings the CPU and the platform up, in the order each step needs the previous ones. */
#include <segments.h>
#include <pic.h>
#include <paging.h>
#include <hpet.h>
#include <uart.h>
#include <cpu.h>
#include <core/arch.h>
#include <core/panic.h>

void platform_early_init(void)
{
	uart_init(UART_COM1);
	uart_init(UART_COM2);
}

void arch_init(void)
{
	gdt_init();
	idt_init();
	pic_init();
	paging_init();
	cpu_features_init();
	if (fpu_init() != 0)
		panic("the CPU lacks FXSR/SSE, which vcpu FPU isolation needs");
	if (hpet_init() != 0)
		panic("no usable HPET: Bulkhead needs it as its one-shot timer (QEMU: -machine hpet=on)");
}
