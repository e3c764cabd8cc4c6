/*
 * The demo deployment: three partitions in a 10 ms major frame.
 *   sensor  (1 vcpu)   writes an altitude sample to the sampling port "altitude" each window
 *   control (2 vcpus)  vcpu 0 reads the altitude, vcpu 1 sends commands on the queuing port
 *                      "commands"; the two share the window round robin, 500 us quantum
 *   logger  (1 vcpu)   the system partition: receives the commands and prints them
 * Frame: sensor 0-2 ms, control 2.5-6.5 ms, logger 7-9 ms, idle 9-10 ms. Stops after 20 frames.
 * Every trace event of every partition is recorded (make trace; docs/trace.md).
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "demo",
	.partitions = {
		{
			.name = "sensor",
			.image = "sensor",
			.memory_base = MIB(16),
			.memory_size = KIB(256),
			.vcpu_count = 1,
		},
		{
			.name = "control",
			.image = "control",
			.memory_base = MIB(17),
			.memory_size = KIB(256),
			.vcpu_count = 2,
			.priority = { 1, 1 },
			.quantum_ns = US(500),
		},
		{
			.name = "logger",
			.image = "logger",
			.memory_base = MIB(18),
			.memory_size = KIB(256),
			.vcpu_count = 1,
			.system = true,
		},
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(2) },
		{ .partition = "control", .offset_ns = US(2500), .duration_ns = MS(4) },
		{ .partition = "logger", .offset_ns = MS(7), .duration_ns = MS(2) },
	},
	.channels = {
		{
			.name = "altitude",
			.kind = CHANNEL_SAMPLING,
			.max_message = 16,
			.refresh_ns = MS(15),
			.source = "sensor",
			.destinations = { "control" },
		},
		{
			.name = "commands",
			.kind = CHANNEL_QUEUING,
			.max_message = 64,
			.depth = 8,
			.source = "control",
			.destinations = { "logger" },
		},
	},
	.run_frames = 20,
	.trace_classes = TRACE_CLASS_ALL,
	.trace_partitions = TRACE_PARTITIONS_ALL,
};
