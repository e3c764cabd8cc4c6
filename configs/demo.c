/*
 * The demo deployment: five partitions in a 10 ms major frame.
 *   sensor    (1 vcpu)   writes an altitude sample to the sampling port "altitude" each window
 *   control   (2 vcpus)  vcpu 0 reads the altitude, vcpu 1 sends commands on the queuing port
 *                        "commands"; the two share the window round robin, 500 us quantum
 *   logger    (1 vcpu)   the system partition: receives the commands and prints them
 *   heartbeat (1 vcpu)   a periodic virtual timer, blocked between ticks
 *   faulty    (1 vcpu)   faults two windows after each start; restarted cold at most 3 times
 * Frame: sensor 0-2 ms, control 2.5-6.5 ms, logger 7-8.5 ms, heartbeat 8.5-9.2 ms,
 * faulty 9.2-9.8 ms, idle 9.8-10 ms. Stops after 20 frames.
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
			.memory_size = KIB(128),
			.vcpu_count = 1,
		},
		{
			.name = "control",
			.image = "control",
			.memory_base = MIB(17),
			.memory_size = KIB(128),
			.vcpu_count = 2,
			.priority = { 1, 1 },
			.quantum_ns = US(500),
		},
		{
			.name = "logger",
			.image = "logger",
			.memory_base = MIB(18),
			.memory_size = KIB(128),
			.vcpu_count = 1,
			.system = true,
		},
		{
			.name = "heartbeat",
			.image = "heartbeat",
			.memory_base = MIB(19),
			.memory_size = KIB(128),
			.vcpu_count = 1,
		},
		{
			.name = "faulty",
			.image = "faulty",
			.memory_base = MIB(20),
			.memory_size = KIB(128),
			.vcpu_count = 1,
			.hm_actions = { [HM_EVENT_PAGE_FAULT] = HM_ACTION_COLD_RESTART },
			.restart_limit = 3,
			.restart_span_ns = MS(1000),
		},
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(2) },
		{ .partition = "control", .offset_ns = US(2500), .duration_ns = MS(4) },
		{ .partition = "logger", .offset_ns = MS(7), .duration_ns = US(1500) },
		{ .partition = "heartbeat", .offset_ns = US(8500), .duration_ns = US(700) },
		{ .partition = "faulty", .offset_ns = US(9200), .duration_ns = US(600) },
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
