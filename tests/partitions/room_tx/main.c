/*
 * A sender waiting for room (ABI 3): it fills its queuing port "room" (depth 2), then blocks in
 * vint_block until the port line says the queue has room again, twice: once when room_rx
 * receives from the full queue, once when it clears it. No polling: only lines wake it. Also
 * port_status and queuing_clear's errors at a source, and the sampling port "sample" it writes.
 */
#include <bulkhead.h>

static uint8_t upcall_stack[2048] __attribute__((aligned(16)));
static volatile uint32_t port_lines;
static uint32_t failed;

static void check(const char *what, int64_t got, int64_t want)
{
	failed += got != want;
	printf("check %s: got %lld want %lld %s\n", what, got, want, got == want ? "ok" : "FAIL");
}

static void on_vint(uint32_t line, const struct bh_upcall_frame *frame)
{
	(void)frame;
	if (line == BH_VINT_PORT)
		port_lines++;
}

/* Sleeps until the port line has come `count` times in all; returns when the last came. */
static uint64_t wait_port_line(uint32_t count)
{
	while (port_lines < count)
		bh_vint_block();
	return bh_time_ns();
}

int main(void)
{
	int32_t q = bh_port_open("room", NULL), s = bh_port_open("sample", NULL);
	struct bh_port_status st;
	uint8_t m[16] = "message";

	bh_upcall_register(on_vint, upcall_stack, sizeof(upcall_stack));
	bh_vint_enable(1);
	check("port_status of a handle never opened", bh_port_status(7, &st), BH_EINVAL);
	check("port_status outside memory",
	      bh_port_status(q, (struct bh_port_status *)(uintptr_t)0x1000), BH_EFAULT);
	check("queuing_clear at the source", bh_queuing_clear(q), BH_EPERM);
	check("queuing_clear of a handle never opened", bh_queuing_clear(7), BH_EINVAL);
	check("queuing_clear of a sampling port", bh_queuing_clear(s), BH_EPERM);

	check("send 1", bh_queuing_send(q, m, sizeof(m)), 0);
	check("send 2", bh_queuing_send(q, m, sizeof(m)), 0);
	check("send 3 to the full queue", bh_queuing_send(q, m, sizeof(m)), BH_ENOSPC);
	check("port_status at the source: full", bh_port_status(q, &st), 0);
	check("messages", st.messages, 2);
	port_lines = 0;
	printf("full, waiting for room at t=%llu ns\n", bh_time_ns());
	printf("port line 1 at t=%llu ns\n", wait_port_line(1));
	check("sampling write", bh_sampling_write(s, "abcde", 5), 0);
	check("send after the line", bh_queuing_send(q, m, sizeof(m)), 0);
	check("send to the full queue again", bh_queuing_send(q, m, sizeof(m)), BH_ENOSPC);
	printf("port line 2 at t=%llu ns\n", wait_port_line(2));
	check("send after the clear's line", bh_queuing_send(q, m, sizeof(m)), 0);
	check("port_status after the clear and a send", bh_port_status(q, &st), 0);
	check("messages", st.messages, 1);
	printf("room: checks done, %u failed\n", failed);
	bh_vcpu_halt();
	return 0;
}
