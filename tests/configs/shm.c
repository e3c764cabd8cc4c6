/*
 * Shared memory areas (public/shm.h): shm_writer fills "ring" and survives a cold restart with its
 * bytes kept; shm_reader maps it read-only elsewhere in its space and faults writing it; both
 * share "board" read-write; shm_stranger, listed for neither, faults probing the window where
 * the others see them. Two bystanders print their window starts, one after each fault's window.
 */
#include <core/deployment.h>
#include <public/shm.h>

const struct deployment deployment = {
	.name = "shm",
	.partitions = {
		{ .name = "shm_writer", .image = "shm_writer", .memory_base = MIB(16),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "bystander_a", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "shm_reader", .image = "shm_reader", .memory_base = MIB(18),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "shm_stranger", .image = "shm_stranger", .memory_base = MIB(19),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "bystander_b", .image = "window_clock", .memory_base = MIB(20),
		  .memory_size = KIB(128), .vcpu_count = 1 },
	},
	.major_frame_ns = MS(1),
	.windows = {
		{ .partition = "shm_writer", .offset_ns = 0, .duration_ns = US(300) },
		{ .partition = "bystander_a", .offset_ns = US(300), .duration_ns = US(50) },
		{ .partition = "shm_reader", .offset_ns = US(350), .duration_ns = US(300) },
		{ .partition = "shm_stranger", .offset_ns = US(650), .duration_ns = US(150) },
		{ .partition = "bystander_b", .offset_ns = US(800), .duration_ns = US(50) },
	},
	.shared_areas = {
		{ .name = "ring", .base = MIB(24), .size = KIB(8),
		  .users = { { .partition = "shm_writer", .address = BH_SHM_WINDOW_BASE,
			       .writable = true },
			     { .partition = "shm_reader", .address = BH_SHM_WINDOW_BASE + MIB(2) } } },
		{ .name = "board", .base = MIB(24) + KIB(64), .size = KIB(4),
		  .users = { { .partition = "shm_writer", .address = BH_SHM_WINDOW_BASE + MIB(1),
			       .writable = true },
			     { .partition = "shm_reader", .address = BH_SHM_WINDOW_BASE,
			       .writable = true } } },
	},
	.run_frames = 60,
};
