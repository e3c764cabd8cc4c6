/*
 * test_kernel_touch=: touch_probe hands the kernel an address of its own in memory_protect,
 * and the kernel, asked on its command line, touches it (or its own data) on purpose.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "kernel_touch",
	.partitions = {
		{ .name = "touch_probe", .image = "touch_probe", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(2),
	.windows = {
		{ .partition = "touch_probe", .offset_ns = 0, .duration_ns = MS(1) },
	},
	.run_frames = 5,
};
