/* The PC's ports and lines the kernel keeps (include/core/kernel_devices.h). */
#include <core/kernel_devices.h>

const struct kernel_ports kernel_ports[] = {
	{ 0x20, 0x21, "the kernel's master 8259 interrupt controller" },
	{ 0x40, 0x43, "the PIT" },
	{ 0x61, 0x61, "the PIT's gate and speaker port" },
	{ 0xa0, 0xa1, "the kernel's slave 8259 interrupt controller" },
	{ 0xf4, 0xf7, "QEMU's debug-exit port, the kernel's exit" },
	{ 0x2f8, 0x2ff, "the kernel's trace UART (COM2)" },
	{ 0x3f8, 0x3ff, "the kernel's console UART (COM1)" },
	{ 0x4d0, 0x4d1, "the 8259s' edge/level control" },
	/* the machine's, not a device's: given to a partition, each would reach past its memory
	 * (DMA into any physical page: the kernel's too, there being no IOMMU) or the whole
	 * machine (reset, power, NMI, SMIs) */
	{ 0x00, 0x1f, "the 8237 DMA controller (DMA into any memory)" },
	{ 0x60, 0x60, "the keyboard controller (it resets the machine)" },
	{ 0x64, 0x64, "the keyboard controller (it resets the machine)" },
	{ 0x70, 0x71, "the CMOS and NMI mask" },
	{ 0x81, 0x8f, "the DMA page registers (DMA into any memory)" },
	{ 0x92, 0x92, "the A20 and fast reset port" },
	{ 0xb2, 0xb3, "the APM control port (its SMIs take the CPU from every partition)" },
	{ 0xc0, 0xdf, "the second 8237 DMA controller (DMA into any memory)" },
	{ 0x510, 0x51b, "QEMU's fw_cfg (its DMA writes any memory)" },
	{ 0x600, 0x63f, "the ACPI power management block (it powers the machine off)" },
	{ 0xcf8, 0xcff, "PCI configuration (bus mastering and BARs: DMA anywhere)" },
};
const uint32_t kernel_port_count = sizeof(kernel_ports) / sizeof(kernel_ports[0]);

/* the HPET's legacy routing takes lines 0 (its timer 0, the kernel's clock) and 8 (timer 1) */
const struct kernel_line kernel_lines[] = {
	{ 0, "the kernel's timer (HPET) line" },
	{ 2, "the 8259s' cascade line" },
	/* the master ends its interrupts itself (pic.c): a line-7 interrupt is told spurious */
	{ 7, "the master 8259's spurious line" },
	{ 8, "the HPET's second legacy line" },
};
const uint32_t kernel_line_count = sizeof(kernel_lines) / sizeof(kernel_lines[0]);
const uint32_t kernel_irq_lines = 16;
