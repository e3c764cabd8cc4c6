/* The boot's check that a reload page fits in the shortest window covers every schedule: the
 * initial schedule's windows are wide, "narrow" gives wb a 10 us window. On a CPU too slow for a
 * page in 10 us the boot refuses the deployment, naming that window (tests/suites/test_schedules.py). */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "sched_narrow",
	.partitions = {
		{ .name = "wa", .image = "window_clock", .memory_base = MIB(16), .memory_size = KIB(128),
		  .vcpu_count = 1 },
		{ .name = "wb", .image = "window_clock", .memory_base = MIB(17), .memory_size = KIB(128),
		  .vcpu_count = 1 },
	},
	.schedules = {
		{ .name = "wide", .major_frame_ns = MS(1),
		  .windows = {
			{ .partition = "wa", .offset_ns = 0, .duration_ns = US(200) },
			{ .partition = "wb", .offset_ns = US(300), .duration_ns = US(200) },
		} },
		{ .name = "narrow", .major_frame_ns = MS(1),
		  .windows = {
			{ .partition = "wa", .offset_ns = 0, .duration_ns = US(200) },
			{ .partition = "wb", .offset_ns = US(300), .duration_ns = US(10) },
		} },
	},
	.run_frames = 10,
};
