/*
 * Ports between partitions on different CPUs at the same time (tests/suites/test_smp.py): qsender
 * on CPU 0 sends 100,000 sequenced messages to qreceiver on CPU 1, each side woken across CPUs by
 * the port line (a message came, the queue has room); smp_swriter on CPU 0 writes a sample at
 * each of its window starts, which smp_sreader on CPU 1, its window starting 50 us later, reads. Short frames, long windows, both CPUs' windows
 * at the same times; qsender's 200 us after qreceiver's, so that the receiver's first checks
 * (tests/suites/test_ports.py's) find the queue empty.
 */
#include <core/deployment.h>

const struct deployment deployment = {
	.name = "smp_ports",
	.cpus = 2,
	.partitions = {
		{ .name = "qsender", .image = "qsender", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "qreceiver", .image = "qreceiver", .memory_base = MIB(17),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "swriter", .image = "smp_swriter", .memory_base = MIB(18),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		{ .name = "sreader", .image = "smp_sreader", .memory_base = MIB(19),
		  .memory_size = KIB(64), .vcpu_count = 1 },
	},
	.major_frame_ns = US(1000),
	.windows = {
		{ .partition = "qsender", .offset_ns = US(200), .duration_ns = US(500), .cpu = 0 },
		{ .partition = "qreceiver", .offset_ns = 0, .duration_ns = US(700), .cpu = 1 },
		{ .partition = "swriter", .offset_ns = US(700), .duration_ns = US(300), .cpu = 0 },
		{ .partition = "sreader", .offset_ns = US(750), .duration_ns = US(250), .cpu = 1 },
	},
	.channels = {
		{ .name = "stream", .kind = CHANNEL_QUEUING, .max_message = 16, .depth = 64,
		  .source = "qsender", .destinations = { "qreceiver" } },
		{ .name = "level", .kind = CHANNEL_SAMPLING, .max_message = 16, .refresh_ns = MS(10),
		  .source = "swriter", .destinations = { "sreader" } },
	},
	.run_frames = 600,
};
