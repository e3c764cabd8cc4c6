/* Refused by the build: the shared area's physical range starts inside the logger's memory. */
#include <core/deployment.h>
#include <public/shm.h>

const struct deployment deployment = {
	.name = "bad_shm_overlap",
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
	.shared_areas = {
		{ .name = "readings", .base = MIB(17) + KIB(128), .size = KIB(8),
		  .users = { { .partition = "sensor", .address = BH_SHM_WINDOW_BASE, .writable = true },
			     { .partition = "logger", .address = BH_SHM_WINDOW_BASE } } },
	},
};
