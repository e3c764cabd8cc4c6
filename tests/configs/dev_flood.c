/*
 * Interrupt floods on lines given to a partition (test_devices.py): dev_uart keeps COM3 and COM4
 * in loopback interrupting every 347 us (tests/partitions/dev_uart); dev_gauge, whose window
 * follows dev_uart's, times what the interrupts that land in its windows cost it; clock's windows
 * must stay on time.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "dev_flood",
	.partitions = {
		{ .name = "dev_uart", .image = "dev_uart", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "dev_gauge", .image = "dev_gauge", .memory_base = MIB(17),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "clock", .image = "window_clock", .memory_base = MIB(18),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "dev_uart", .offset_ns = 0, .duration_ns = US(600) },
		{ .partition = "dev_gauge", .offset_ns = US(600), .duration_ns = US(800) },
		{ .partition = "clock", .offset_ns = US(1500), .duration_ns = US(400) },
	},
	.devices = {
		{ .name = "com3", .partition = "dev_uart", .io = { { 0x3e8, 8 } },
		  .irq = IRQ_LINE(5), .vint_line = 8, .qemu_device = "isa-serial,iobase=0x3e8,irq=5" },
		{ .name = "com4", .partition = "dev_uart", .io = { { 0x2e8, 8 } },
		  .irq = IRQ_LINE(11), .vint_line = 9, .qemu_device = "isa-serial,iobase=0x2e8,irq=11" },
	},
	.run_frames = 30,
};
