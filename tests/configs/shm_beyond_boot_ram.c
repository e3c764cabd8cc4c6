/*
 * Valid for the build, refused at boot: the shared area at 200 MiB lies inside the 256 MiB the
 * build checks against but beyond the test machine's 128 MiB of RAM.
 */
#include <core/deployment.h>
#include <public/shm.h>

const struct deployment deployment = {
	.name = "shm_beyond_boot_ram",
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16), .memory_size = KIB(256),
		  .vcpu_count = 1 },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(4) },
	},
	.shared_areas = {
		{ .name = "far", .base = MIB(200), .size = KIB(8),
		  .users = { { .partition = "sensor", .address = BH_SHM_WINDOW_BASE } } },
	},
	.run_frames = 2,
};
