/* Bad hypercall arguments: bad_args attacks the kernel's checks while the sensor keeps its windows. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "bad_args",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
		{ .name = "bad_args", .image = "bad_args", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 2, .quantum_ns = US(500) },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(2) },
		{ .partition = "bad_args", .offset_ns = MS(3), .duration_ns = MS(5) },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(15), .source = "sensor", .destinations = { "bad_args" } },
	},
	.run_frames = 22,
};
