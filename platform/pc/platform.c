/* Brings the PC's devices up, in the order each step needs the previous ones. */
#include <hpet.h>
#include <pic.h>
#include <uart.h>
#include <cpus.h>
#include <timer_source.h>
#include <paging.h>
#include <core/platform.h>
#include <core/panic.h>

void platform_early_init(void)
{
	uart_init(UART_COM1);
	uart_init(UART_COM2);
	/* kprintf reads the clock from the first line on, paging or not */
	arch_map_device(HPET_BASE);
	cpus_find();
}

void platform_init(void)
{
	pic_init();
	if (hpet_init() != 0)
		panic("no usable HPET: Bulkhead needs it as its clock (QEMU: -machine hpet=on)");
	timer_source_init();
}
