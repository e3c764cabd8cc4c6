/* Refused by the build: sensor drives a device but runs on CPU 1 (its window's); device
 * interrupts and the I/O bitmap are CPU 0's. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_device_off_cpu0",
	.cpus = 2,
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "logger", .image = "logger", .memory_base = MIB(17), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "logger", .offset_ns = 0, .duration_ns = MS(4), .cpu = 0 },
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4), .cpu = 1 },
	},
	.devices = {
		{ .name = "lpt", .partition = "sensor", .io = { { 0x378, 3 } } },
	},
};
