/*
 * The APEX layer's intra-partition objects (apex/buffer.c ... mutex.c,
 * tests/suites/test_apex_objects.py): apex_obj's checks of every service's return codes and
 * its scenarios, on one vcpu; apex_obj_full fills the objects' tables; a bystander prints its
 * window starts. 192 KiB leave
 * apex_alloc less than a 64 KiB buffer once the image, vcpu 0's stack and the processes'
 * stacks are set aside.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "apex_obj",
	.partitions = {
		{ .name = "apex_obj", .image = "apex_obj", .memory_base = MIB(16),
		  .memory_size = KIB(192), .vcpu_count = 1,
		  .apex = { .processes = 8, .stack_bytes = KIB(48) } },
		{ .name = "apex_obj_full", .image = "apex_obj_full", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1,
		  .apex = { .processes = 1, .stack_bytes = KIB(8) } },
		{ .name = "bystander_a", .image = "window_clock", .memory_base = MIB(18),
		  .memory_size = KIB(128), .vcpu_count = 1 },
	},
	.major_frame_ns = US(250),
	.windows = {
		{ .partition = "apex_obj", .offset_ns = 0, .duration_ns = US(140) },
		{ .partition = "apex_obj_full", .offset_ns = US(140), .duration_ns = US(30) },
		{ .partition = "bystander_a", .offset_ns = US(170), .duration_ns = US(50) },
	},
	.run_frames = 400,
};
