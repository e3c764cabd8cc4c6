/* One partition writing long lines to the console (tests/partitions/console_burst). */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "console_burst",
	.partitions = {
		{ .name = "console_burst", .image = "console_burst", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "console_burst", .offset_ns = 0, .duration_ns = US(900) },
	},
	.run_frames = 3,
};
