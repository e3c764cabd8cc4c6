/*
 * Valid for the build, refused at boot: the build checks partition memory against the 256 MiB the
 * kernel maps, the boot against the RAM the machine has, and the test machine has 128 MiB. The
 * logger's memory at 200 MiB is not there, so the kernel must refuse the whole deployment, the
 * sensor included.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "beyond_boot_ram",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "logger", .image = "logger", .memory_base = MIB(200), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
		{ .partition = "logger", .offset_ns = MS(5), .duration_ns = MS(4) },
	},
	.run_frames = 2,
};
