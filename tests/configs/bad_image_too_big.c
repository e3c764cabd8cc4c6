/* Refused by the build once the images are built: control's image (about 20 KiB) does not fit in
 * 32 KiB less the default 16 KiB stack and its 4 KiB guard page. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_image_too_big",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "control", .image = "control", .memory_base = MIB(17), .memory_size = KIB(32),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
		{ .partition = "control", .offset_ns = MS(5), .duration_ns = MS(4) },
	},
};
