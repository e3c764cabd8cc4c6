/*
 * The receiver of room_tx's queue "room" (depth 2) and sampling port "sample": port_status as it
 * fills, a receive from the full queue, then a queuing_clear of the full queue; port_status of
 * the sampling port before and after room_tx writes it.
 */
#include <bulkhead.h>

static uint32_t failed;

static void check(const char *what, int64_t got, int64_t want)
{
	failed += got != want;
	printf("check %s: got %lld want %lld %s\n", what, got, want, got == want ? "ok" : "FAIL");
}

/* Waits (its own windows only) until the queue holds `count` messages. */
static void wait_messages(int32_t q, uint32_t count)
{
	struct bh_port_status st;

	do
		bh_yield();
	while (bh_port_status(q, &st) == 0 && st.messages != count);
}

int main(void)
{
	int32_t q = bh_port_open("room", NULL), s = bh_port_open("sample", NULL);
	struct bh_port_status st;
	uint8_t m[16];
	uint64_t now;

	check("sampling port_status before any write", bh_port_status(s, &st), 0);
	check("sampling messages before any write", st.messages, 0);
	wait_messages(q, 2);
	printf("receive from the full queue at t=%llu ns: %d\n", bh_time_ns(),
	       bh_queuing_receive(q, m, sizeof(m), 0));
	check("messages after the receive", bh_port_status(q, &st) == 0 ? st.messages : 99, 1);
	/* room_tx writes the sample, then fills the queue again */
	wait_messages(q, 2);
	now = bh_time_ns();
	check("sampling port_status after the write", bh_port_status(s, &st), 0);
	check("sampling messages", st.messages, 1);
	check("sampling last_length", st.last_length, 5);
	check("sampling last_write_ns in the past", st.last_write_ns > 0 && st.last_write_ns < now, 1);
	printf("clear of the full queue at t=%llu ns\n", bh_time_ns());
	check("queuing_clear of the full queue", bh_queuing_clear(q), 2);
	check("messages after the clear", bh_port_status(q, &st) == 0 ? st.messages : 99, 0);
	check("queuing_clear of the empty queue", bh_queuing_clear(q), 0);
	check("receive after the clear", bh_queuing_receive(q, m, sizeof(m), 0), BH_EAGAIN);
	wait_messages(q, 1);
	check("receive the message sent after the clear", bh_queuing_receive(q, m, sizeof(m), 0), 16);
	printf("room: checks done, %u failed\n", failed);
	bh_vcpu_halt();
	return 0;
}
