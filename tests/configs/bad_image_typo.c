/* Refused by the build at once: no partition directory is called 'sensr' (a typo of 'sensor'). */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_image_typo",
	.partitions = {
		{ .name = "sensor", .image = "sensr", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
	},
};
