/*
 * Several schedules (docs/schedules.md): the demo's sensor, control and logger, and a system
 * partition, mode_manager, that switches from the "ground" schedule to "flight" after three
 * frames. The switch takes effect at the end of the frame in which it asks: flight's frame 0
 * starts exactly there. Every trace event is recorded: `make trace CONFIG=modes_demo` shows the
 * switch. Stops after 8 frames.
 *   ground (10 ms): mode_manager 0-1 ms, sensor 1-3 ms, control 3.5-6.5 ms, logger 7-9 ms
 *   flight (5 ms):  sensor 0-1 ms, control 1.5-3.5 ms, mode_manager 3.7-4.2 ms, logger 4.3-4.8 ms
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "modes_demo",
	.partitions = {
		{ .name = "mode_manager", .image = "mode_manager", .memory_base = MIB(16),
		  .memory_size = KIB(128), .vcpu_count = 1, .system = true },
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(17), .memory_size = KIB(128),
		  .vcpu_count = 1 },
		{ .name = "control", .image = "control", .memory_base = MIB(18), .memory_size = KIB(128),
		  .vcpu_count = 2, .priority = { 1, 1 }, .quantum_ns = US(500) },
		{ .name = "logger", .image = "logger", .memory_base = MIB(19), .memory_size = KIB(128),
		  .vcpu_count = 1 },
	},
	.schedules = {
		{ .name = "ground", .major_frame_ns = MS(10),
		  .windows = {
			{ .partition = "mode_manager", .offset_ns = 0, .duration_ns = MS(1) },
			{ .partition = "sensor", .offset_ns = MS(1), .duration_ns = MS(2) },
			{ .partition = "control", .offset_ns = US(3500), .duration_ns = MS(3) },
			{ .partition = "logger", .offset_ns = MS(7), .duration_ns = MS(2) },
		} },
		{ .name = "flight", .major_frame_ns = MS(5),
		  .windows = {
			{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(1) },
			{ .partition = "control", .offset_ns = US(1500), .duration_ns = MS(2) },
			{ .partition = "mode_manager", .offset_ns = US(3700), .duration_ns = US(500) },
			{ .partition = "logger", .offset_ns = US(4300), .duration_ns = US(500) },
		} },
	},
	.initial_schedule = "ground",
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16, .refresh_ns = MS(15),
		  .source = "sensor", .destinations = { "control" } },
		{ .name = "commands", .kind = CHANNEL_QUEUING, .max_message = 64, .depth = 8,
		  .source = "control", .destinations = { "logger" } },
	},
	.run_frames = 8,
	.trace_classes = TRACE_CLASS_ALL,
	.trace_partitions = TRACE_PARTITIONS_ALL,
};
