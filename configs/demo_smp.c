/*
 * The multicore demo: four CPUs, each with its own windows inside one 10 ms major frame
 * (make run CONFIG=demo_smp; docs/smp.md).
 *   CPU 0: sensor 0-2 ms (writes the altitude), logger 3-4.5 ms (prints the commands it
 *          receives), heartbeat 5-5.7 ms
 *   CPU 1: crunch's vcpu 0, 1-5 ms   } one partition, its two vcpus in windows at the same time,
 *   CPU 2: crunch's vcpu 1, 1-5 ms   } sharing each window's job through its own memory
 *   CPU 3: control 0.5-6.5 ms (reads the altitude from CPU 0, sends commands to CPU 0's
 *          logger), faulty 7-7.6 ms (faults two windows after each start; the health monitor
 *          restarts it cold, at most 3 times)
 * Stops after 20 frames; the summary gives each CPU's windows and how late they began.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "demo_smp",
	.cpus = 4,
	.partitions = {
		{ .name = "sensor", .image = "sensor", .memory_base = MIB(16),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "control", .image = "control", .memory_base = MIB(17),
		  .memory_size = KIB(128), .vcpu_count = 2, .priority = { 1, 1 },
		  .quantum_ns = US(500) },
		{ .name = "logger", .image = "logger", .memory_base = MIB(18),
		  .memory_size = KIB(128), .vcpu_count = 1, .system = true },
		{ .name = "heartbeat", .image = "heartbeat", .memory_base = MIB(19),
		  .memory_size = KIB(128), .vcpu_count = 1 },
		{ .name = "faulty", .image = "faulty", .memory_base = MIB(20),
		  .memory_size = KIB(128), .vcpu_count = 1,
		  .hm_actions = { [HM_EVENT_PAGE_FAULT] = HM_ACTION_COLD_RESTART },
		  .restart_limit = 3, .restart_span_ns = MS(1000) },
		{ .name = "crunch", .image = "crunch", .memory_base = MIB(21),
		  .memory_size = KIB(128), .vcpu_count = 2, .quantum_ns = US(500),
		  .vcpu_cpu = { CPU(1), CPU(2) } },
	},
	.major_frame_ns = MS(10),
	.windows = {
		{ .partition = "sensor", .offset_ns = 0, .duration_ns = MS(2), .cpu = 0 },
		{ .partition = "logger", .offset_ns = MS(3), .duration_ns = US(1500), .cpu = 0 },
		{ .partition = "heartbeat", .offset_ns = MS(5), .duration_ns = US(700), .cpu = 0 },
		{ .partition = "crunch", .offset_ns = MS(1), .duration_ns = MS(4), .cpu = 1 },
		{ .partition = "crunch", .offset_ns = MS(1), .duration_ns = MS(4), .cpu = 2 },
		{ .partition = "control", .offset_ns = US(500), .duration_ns = MS(6), .cpu = 3 },
		{ .partition = "faulty", .offset_ns = MS(7), .duration_ns = US(600), .cpu = 3 },
	},
	.channels = {
		{ .name = "altitude", .kind = CHANNEL_SAMPLING, .max_message = 16,
		  .refresh_ns = MS(15), .source = "sensor", .destinations = { "control" } },
		{ .name = "commands", .kind = CHANNEL_QUEUING, .max_message = 64, .depth = 8,
		  .source = "control", .destinations = { "logger" } },
	},
	.run_frames = 20,
};
