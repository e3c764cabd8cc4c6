/* memory_protect over 4 MiB at the end of every window of its partition, just before the
 * sensor's: one call's bounded work must not make the sensor late. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "protect_late",
	.partitions = {
		{ .name = "protect_late", .image = "protect_late", .memory_base = MIB(16),
		  .memory_size = MIB(4), .vcpu_count = 1 },
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(20), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "protect_late", .offset_ns = 0, .duration_ns = US(100) },
		{ .partition = "sensor", .offset_ns = US(100), .duration_ns = US(100) },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(3), .source = "sensor", .destinations = { "protect_late" } },
	},
	.run_frames = 100,
};
