/* Refused by the build: a port name of 32 characters, which no partition could open (BH_PORT_NAME_MAX
 * counts the NUL). */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_port_name_too_long",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "logger", .image = "logger", .memory_base = MIB(17), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
		{ .partition = "logger", .offset_ns = MS(5), .duration_ns = MS(4) },
	},
	.channels = {
		{ .name = "altitude_above_mean_sea_level_ft", .kind = CHANNEL_SAMPLING,
		  .max_message = 16, .refresh_ns = MS(15), .source = "sensor",
		  .destinations = { "logger" } },
	},
};
