/*
 * The I/O demo: a driver partition owns a second serial port and serves two clients.
 *   io_driver    owns COM3 (ports 0x3e8-0x3ef, QEMU's isa-serial there on line 5, raised on its
 *                device vint line 8): receives bytes by interrupt; a line "a: text" goes to
 *                io_client_a on "to_a", "b: text" to io_client_b on "to_b", "*: text" to both
 *                through the shared area "io_ring" (read-write for it, read-only for them);
 *                the clients' answers ("from_a", "from_b") it writes back to the UART
 *   io_client_a, io_client_b   print each line they get and answer with its length, and each
 *                line of the ring
 * Frame 4 ms: io_driver 0-1 ms, io_client_a 1-2 ms, io_client_b 2-3 ms, idle 3-4 ms.
 * `make run CONFIG=io_demo` puts COM3 on a pty (QEMU prints which): type lines there.
 */
#include <core/deployment.h>
#include <public/shm.h>

#define CLIENT(n, x) { .name = "io_client_" #x, .image = "io_client", \
		       .memory_base = MIB(16 + (n)), .memory_size = KIB(64), .vcpu_count = 1 }
#define LINES(n, src, dst) { .name = (n), .kind = CHANNEL_QUEUING, .max_message = 64, \
			     .depth = 8, .source = (src), .destinations = { (dst) } }

const struct deployment deployment = {
	.name = "io_demo",
	.partitions = {
		{ .name = "io_driver", .image = "io_driver", .memory_base = MIB(16),
		  .memory_size = KIB(64), .vcpu_count = 1 },
		CLIENT(1, a),
		CLIENT(2, b),
	},
	.major_frame_ns = MS(4),
	.windows = {
		{ .partition = "io_driver", .offset_ns = 0, .duration_ns = MS(1) },
		{ .partition = "io_client_a", .offset_ns = MS(1), .duration_ns = MS(1) },
		{ .partition = "io_client_b", .offset_ns = MS(2), .duration_ns = MS(1) },
	},
	.channels = {
		LINES("to_a", "io_driver", "io_client_a"),
		LINES("to_b", "io_driver", "io_client_b"),
		LINES("from_a", "io_client_a", "io_driver"),
		LINES("from_b", "io_client_b", "io_driver"),
	},
	.shared_areas = {
		{ .name = "io_ring", .base = MIB(20), .size = KIB(4),
		  .users = { { .partition = "io_driver", .address = BH_SHM_WINDOW_BASE,
			       .writable = true },
			     { .partition = "io_client_a", .address = BH_SHM_WINDOW_BASE },
			     { .partition = "io_client_b", .address = BH_SHM_WINDOW_BASE } } },
	},
	.devices = {
		{ .name = "com3", .partition = "io_driver", .io = { { 0x3e8, 8 } },
		  .irq = IRQ_LINE(5), .vint_line = 8, .qemu_device = "isa-serial,iobase=0x3e8,irq=5" },
	},
};
