/* Refused by the build once the images are built: sensor's image (about 10 KiB) fits in its 32 KiB
 * of memory but not below a 20 KiB stack and its 4 KiB guard page. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_image_under_stack",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(32),
		  .stack_size = KIB(20), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
	},
};
