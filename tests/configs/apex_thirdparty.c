/*
 * Third-party-style APEX applications (tests/suites/test_apex_thirdparty.py): tp_flight
 * (periodic processes, a deadline missed, the error handler), tp_sensor -> tp_display over a
 * sampling and a queuing port, tp_sync (buffers, semaphores, events, blackboards, mutexes,
 * the preemption lock), and a bystander that prints its window starts. A 10 ms major frame,
 * the fast processes' period.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "apex_thirdparty",
	.partitions = {
		{ .name = "tp_flight", .image = "tp_flight", .memory_base = MIB(16),
		  .memory_size = KIB(256), .vcpu_count = 1,
		  .apex = { .processes = 8, .stack_bytes = KIB(96) } },
		{ .name = "bystander", .image = "window_clock", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "tp_sensor", .image = "tp_sensor", .memory_base = MIB(18),
		  .memory_size = KIB(128), .vcpu_count = 1,
		  .apex = { .processes = 2, .stack_bytes = KIB(16) } },
		{ .name = "tp_display", .image = "tp_display", .memory_base = MIB(19),
		  .memory_size = KIB(128), .vcpu_count = 1,
		  .apex = { .processes = 2, .stack_bytes = KIB(16) } },
		{ .name = "tp_sync", .image = "tp_sync", .memory_base = MIB(20),
		  .memory_size = KIB(256), .vcpu_count = 1,
		  .apex = { .processes = 10, .stack_bytes = KIB(80) } },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "tp_flight", .offset_ns = 0, .duration_ns = MS(3) },
		{ .partition = "bystander", .offset_ns = MS(3), .duration_ns = US(500) },
		{ .partition = "tp_sensor", .offset_ns = US(3500), .duration_ns = US(1500) },
		{ .partition = "tp_display", .offset_ns = MS(5), .duration_ns = MS(2) },
		{ .partition = "tp_sync", .offset_ns = MS(7), .duration_ns = MS(3) },
	},
	.channels = {
		{ .name = "SENSOR_DATA", .kind = CHANNEL_SAMPLING, .max_message = 32,
		  .refresh_ns = MS(30), .source = "tp_sensor", .destinations = { "tp_display" } },
		{ .name = "SENSOR_LOG", .kind = CHANNEL_QUEUING, .max_message = 64, .depth = 8,
		  .source = "tp_sensor", .destinations = { "tp_display" } },
	},
	.run_frames = 30,
};
