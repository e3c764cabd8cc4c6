/* Refused: a device given the kernel's console UART, 0x3f8 inside its second range (test_devices.py). */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_device_kernel_port",
	.partitions = {
		{ .name = "driver", .image = "window_clock", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "driver", .offset_ns = 0, .duration_ns = MS(1) },
	},
	.devices = {
		{ .name = "com3", .partition = "driver",
		  .io = { { 0x3e8, 8 },
			  { 0x3f0, 16 } } },
	},
};
