/* The APEX layer's multiple module schedules (tests/partitions/apex_schedules): the system
 * partition switches from "ground" to "flight"; the other one is refused. */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "apex_schedules",
	.partitions = {
		{ .name = "apex_sys", .image = "apex_schedules", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 1, .system = true,
		  .apex = { .processes = 4, .stack_bytes = KIB(32) } },
		{ .name = "apex_user", .image = "apex_schedules", .memory_base = MIB(17),
		  .memory_size = KIB(256), .vcpu_count = 1,
		  .apex = { .processes = 4, .stack_bytes = KIB(32) } },
	},
	.schedules = {
		{ .name = "ground", .major_frame_ns = US(500),
		  .windows = {
			{ .partition = "apex_sys", .offset_ns = 0, .duration_ns = US(200) },
			{ .partition = "apex_user", .offset_ns = US(250), .duration_ns = US(200) },
		} },
		{ .name = "flight", .major_frame_ns = US(400),
		  .windows = {
			{ .partition = "apex_user", .offset_ns = 0, .duration_ns = US(150) },
			{ .partition = "apex_sys", .offset_ns = US(200), .duration_ns = US(150) },
		} },
	},
	.run_frames = 100,
};
