/*
 * The APEX demo (make run CONFIG=apex_demo): three ARINC 653 partitions written only against
 * ARINC653.h, in a 20 ms major frame.
 *   sensor   one periodic process: air data every 20 ms on the sampling port "air_data"
 *   control  three processes (acquire 20 ms, autopilot 40 ms, telemetry on demand) sharing the
 *            data through a blackboard and a buffer; telemetry on the queuing port "telemetry"
 *   display  shows the telemetry; its built-in test process divides by zero on its third run,
 *            and the partition's error handler stops that process while the display goes on
 *            (the kernel hands the fault to the partition: hm_deliver)
 * Frame: sensor 0-3 ms, control 4-11 ms, display 12-19 ms, idle 19-20 ms. Stops after 25 frames.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "apex_demo",
	.partitions = {
		{
			.name = "sensor",
			.image = "apex_sensor",
			.memory_base = MIB(16),
			.memory_size = KIB(256),
			.vcpu_count = 1,
			.apex = { .processes = 2, .stack_bytes = KIB(32) },
		},
		{
			.name = "control",
			.image = "apex_control",
			.memory_base = MIB(17),
			.memory_size = KIB(256),
			.vcpu_count = 1,
			.apex = { .processes = 4, .stack_bytes = KIB(64) },
		},
		{
			.name = "display",
			.image = "apex_display",
			.memory_base = MIB(18),
			.memory_size = KIB(256),
			.vcpu_count = 1,
			.apex = { .processes = 4, .stack_bytes = KIB(64) },
			.hm_deliver = HM_DELIVER(HM_EVENT_DIVIDE_ERROR),
		},
	},
	.major_frame_ns = MS(20),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(3) },
		{ .partition = "control", .offset_ns = MS(4), .duration_ns = MS(7) },
		{ .partition = "display", .offset_ns = MS(12), .duration_ns = MS(7) },
	},
	.channels = {
		{
			.name = "air_data",
			.kind = CHANNEL_SAMPLING,
			.max_message = 12,          /* struct air_data, partitions/apex_demo.h */
			.refresh_ns = MS(40),
			.source = "sensor",
			.destinations = { "control" },
		},
		{
			.name = "telemetry",
			.kind = CHANNEL_QUEUING,
			.max_message = 24,          /* struct telemetry */
			.depth = 8,
			.source = "control",
			.destinations = { "display" },
		},
	},
	.run_frames = 25,
};
