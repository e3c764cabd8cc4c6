/*
 * A device's interrupts while the console is slow (boot with uart_model=115200,
 * test_devices.py): flood fills its console buffer, whose lines then go out in idle time, on a
 * port that takes a character every 87 us; dev_latency's COM3 interrupts must be served when they
 * come, though its window's idle time is what carries flood's lines.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "dev_console",
	.partitions = {
		{ .name = "flood", .image = "console_flood", .memory_base = MIB(16),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "dev_latency", .image = "dev_latency", .memory_base = MIB(20),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(3),
	.windows = {
		{ .partition = "flood", .offset_ns = 0, .duration_ns = MS(1) },
		{ .partition = "dev_latency", .offset_ns = MS(1), .duration_ns = MS(1) },
	},
	.devices = {
		{ .name = "com3", .partition = "dev_latency", .io = { { 0x3e8, 8 } },
		  .irq = IRQ_LINE(5), .vint_line = 8, .qemu_device = "isa-serial,iobase=0x3e8,irq=5" },
	},
	.run_frames = 40,
};
