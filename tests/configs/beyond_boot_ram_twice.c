/*
 * Valid for the build, refused at boot twice: two partitions lie beyond the test machine's
 * 128 MiB (the build checks against the 256 MiB the kernel maps). The kernel prints both
 * refusals, one line each, and starts none.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "beyond_boot_ram_twice",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "control", .image = "control", .memory_base = MIB(150), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "logger", .image = "logger", .memory_base = MIB(200), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(3) },
		{ .partition = "control", .offset_ns = MS(3), .duration_ns = MS(3) },
		{ .partition = "logger", .offset_ns = MS(6), .duration_ns = MS(3) },
	},
	.run_frames = 2,
};
