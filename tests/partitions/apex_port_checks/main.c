/*
 * apex_port_checks (tests/configs/apex_ports.c): every return code of the APEX sampling and
 * queuing port services, against apex_port_plain, a plain Bulkhead partition at the other end of
 * each channel. One line per check: "check <name>: ok" or "check <name>: FAILED got X want Y".
 *
 * The initialization creates the ports and checks what needs no other partition; then, in
 * NORMAL mode:
 *   receiver (priority 20) times out on the empty "q_in", then waits for the plain partition's
 *            echo while worker runs, clears the rest, reads the sample, then the stale sample;
 *   sender   (priority 10) waits for room on the full "q_out" until the plain partition
 *            receives, fills it again, and times out;
 *   worker   (priority 1)  counts its turns, to show that the waits stop no other process;
 * then the sender starts two processes that wait to send on the full "q_out" (FIFO) and two that
 * wait to receive on the empty "q_in" (PRIORITY), the higher-priority one of each pair second.
 */
#include <ARINC653.h>
#include <bulkhead.h>

#define SAMPLE_SIZE 16
#define QUEUE_SIZE 32
#define QUEUE_DEPTH 4
#define REFRESH MS_(5)
#define MS_(x) ((SYSTEM_TIME_TYPE)(x) * 1000000)
#define US_(x) ((SYSTEM_TIME_TYPE)(x) * 1000)
#define OUTSIDE ((MESSAGE_ADDR_TYPE)0xf0000000u)   /* no partition's memory */
/* A name as the services take it: a whole NAME_TYPE (the C binding's array), from a literal */
#define NAME(text) ((NAME_TYPE){ text })

static const char *const rc_names[] = {
	"NO_ERROR", "NO_ACTION", "NOT_AVAILABLE", "INVALID_PARAM", "INVALID_CONFIG",
	"INVALID_MODE", "TIMED_OUT",
};

static const char *rc_name(RETURN_CODE_TYPE rc)
{
	return (unsigned)rc <= TIMED_OUT ? rc_names[rc] : "(not a return code)";
}

static void check_rc(const char *name, RETURN_CODE_TYPE got, RETURN_CODE_TYPE want)
{
	if (got == want)
		printf("check %s: ok\n", name);
	else
		printf("check %s: FAILED got %s want %s\n", name, rc_name(got), rc_name(want));
}

static void check_value(const char *name, long long got, long long want)
{
	if (got == want)
		printf("check %s: ok\n", name);
	else
		printf("check %s: FAILED got %lld want %lld\n", name, got, want);
}

static void check_true(const char *name, int condition, long long got)
{
	if (condition)
		printf("check %s: ok\n", name);
	else
		printf("check %s: FAILED got %lld\n", name, got);
}

static SYSTEM_TIME_TYPE now(void)
{
	SYSTEM_TIME_TYPE t;
	RETURN_CODE_TYPE rc;

	GET_TIME(&t, &rc);
	return t;
}

static SAMPLING_PORT_ID_TYPE s_out, s_in;
static QUEUING_PORT_ID_TYPE q_out, q_in;
static volatile long worker_turns;
static PROCESS_ID_TYPE fifo_first, fifo_second, low_receiver, high_receiver;

static void create_sampling_checks(void)
{
	SAMPLING_PORT_ID_TYPE id = 0, found = 0;
	RETURN_CODE_TYPE rc;

	CREATE_SAMPLING_PORT(NAME("nope"), SAMPLE_SIZE, SOURCE, REFRESH, &id, &rc);
	check_rc("create_sampling.unknown_name", rc, INVALID_CONFIG);
	CREATE_SAMPLING_PORT(NAME("q_out"), SAMPLE_SIZE, SOURCE, REFRESH, &id, &rc);
	check_rc("create_sampling.queuing_channel", rc, INVALID_CONFIG);
	CREATE_SAMPLING_PORT(NAME("s_out"), SAMPLE_SIZE / 2, SOURCE, REFRESH, &id, &rc);
	check_rc("create_sampling.size", rc, INVALID_CONFIG);
	CREATE_SAMPLING_PORT(NAME("s_out"), SAMPLE_SIZE, DESTINATION, REFRESH, &id, &rc);
	check_rc("create_sampling.direction", rc, INVALID_CONFIG);
	CREATE_SAMPLING_PORT(NAME("s_out"), SAMPLE_SIZE, (PORT_DIRECTION_TYPE)7, REFRESH, &id, &rc);
	check_rc("create_sampling.direction_value", rc, INVALID_CONFIG);
	CREATE_SAMPLING_PORT(NAME("s_out"), SAMPLE_SIZE, SOURCE, REFRESH - 1, &id, &rc);
	check_rc("create_sampling.refresh", rc, INVALID_CONFIG);
	CREATE_SAMPLING_PORT(NAME("s_out"), SAMPLE_SIZE, SOURCE, REFRESH, &s_out, &rc);
	check_rc("create_sampling.source", rc, NO_ERROR);
	CREATE_SAMPLING_PORT(NAME("s_in"), SAMPLE_SIZE, DESTINATION, REFRESH, &s_in, &rc);
	check_rc("create_sampling.destination", rc, NO_ERROR);
	check_true("create_sampling.identifiers", s_out >= 1 && s_in >= 1 && s_out != s_in, s_in);
	CREATE_SAMPLING_PORT(NAME("s_out"), SAMPLE_SIZE, SOURCE, REFRESH, &id, &rc);
	check_rc("create_sampling.again", rc, NO_ACTION);

	GET_SAMPLING_PORT_ID(NAME("nope"), &found, &rc);
	check_rc("get_sampling_port_id.unknown", rc, INVALID_CONFIG);
	GET_SAMPLING_PORT_ID(NAME("s_late"), &found, &rc);
	check_rc("get_sampling_port_id.not_created", rc, INVALID_CONFIG);
	GET_SAMPLING_PORT_ID(NAME("s_in"), &found, &rc);
	check_rc("get_sampling_port_id.created", rc, NO_ERROR);
	check_value("get_sampling_port_id.identifier", found, s_in);
}

static void sampling_checks(void)
{
	SAMPLING_PORT_STATUS_TYPE status;
	APEX_BYTE message[SAMPLE_SIZE + 1] = "hello plain";
	MESSAGE_SIZE_TYPE length = 99;
	VALIDITY_TYPE validity = VALID;
	RETURN_CODE_TYPE rc;

	GET_SAMPLING_PORT_STATUS(0, &status, &rc);
	check_rc("get_sampling_port_status.zero_id", rc, INVALID_PARAM);
	GET_SAMPLING_PORT_STATUS(99, &status, &rc);
	check_rc("get_sampling_port_status.unknown_id", rc, INVALID_PARAM);
	GET_SAMPLING_PORT_STATUS(s_in, &status, &rc);
	check_rc("get_sampling_port_status.ok", rc, NO_ERROR);
	check_value("get_sampling_port_status.refresh", status.REFRESH_PERIOD, REFRESH);
	check_value("get_sampling_port_status.size", status.MAX_MESSAGE_SIZE, SAMPLE_SIZE);
	check_value("get_sampling_port_status.direction", status.PORT_DIRECTION, DESTINATION);
	check_value("get_sampling_port_status.nothing_read", status.LAST_MSG_VALIDITY, INVALID);

	WRITE_SAMPLING_MESSAGE(0, message, 11, &rc);
	check_rc("write_sampling.bad_id", rc, INVALID_PARAM);
	WRITE_SAMPLING_MESSAGE(s_out, message, SAMPLE_SIZE + 1, &rc);
	check_rc("write_sampling.too_long", rc, INVALID_CONFIG);
	WRITE_SAMPLING_MESSAGE(s_out, message, 0, &rc);
	check_rc("write_sampling.zero_length", rc, INVALID_PARAM);
	WRITE_SAMPLING_MESSAGE(s_out, message, -1, &rc);
	check_rc("write_sampling.negative_length", rc, INVALID_PARAM);
	WRITE_SAMPLING_MESSAGE(s_in, message, 11, &rc);
	check_rc("write_sampling.destination", rc, INVALID_MODE);
	WRITE_SAMPLING_MESSAGE(s_out, OUTSIDE, 11, &rc);
	check_rc("write_sampling.outside_memory", rc, INVALID_PARAM);
	WRITE_SAMPLING_MESSAGE(s_out, message, 11, &rc);
	check_rc("write_sampling.ok", rc, NO_ERROR);

	READ_SAMPLING_MESSAGE(0, message, &length, &validity, &rc);
	check_rc("read_sampling.bad_id", rc, INVALID_PARAM);
	READ_SAMPLING_MESSAGE(s_out, message, &length, &validity, &rc);
	check_rc("read_sampling.source", rc, INVALID_MODE);
	READ_SAMPLING_MESSAGE(s_in, message, &length, &validity, &rc);
	check_rc("read_sampling.empty", rc, NO_ACTION);
	check_value("read_sampling.empty_length", length, 0);
	check_value("read_sampling.empty_validity", validity, INVALID);
}

static void create_queuing_checks(void)
{
	QUEUING_PORT_ID_TYPE id = 0, found = 0;
	RETURN_CODE_TYPE rc;

	CREATE_QUEUING_PORT(NAME("nope"), QUEUE_SIZE, QUEUE_DEPTH, SOURCE, FIFO, &id, &rc);
	check_rc("create_queuing.unknown_name", rc, INVALID_CONFIG);
	CREATE_QUEUING_PORT(NAME("s_out"), QUEUE_SIZE, QUEUE_DEPTH, SOURCE, FIFO, &id, &rc);
	check_rc("create_queuing.sampling_channel", rc, INVALID_CONFIG);
	CREATE_QUEUING_PORT(NAME("q_out"), QUEUE_SIZE + 1, QUEUE_DEPTH, SOURCE, FIFO, &id, &rc);
	check_rc("create_queuing.size", rc, INVALID_CONFIG);
	CREATE_QUEUING_PORT(NAME("q_out"), QUEUE_SIZE, QUEUE_DEPTH - 1, SOURCE, FIFO, &id, &rc);
	check_rc("create_queuing.depth", rc, INVALID_CONFIG);
	CREATE_QUEUING_PORT(NAME("q_out"), QUEUE_SIZE, QUEUE_DEPTH, DESTINATION, FIFO, &id, &rc);
	check_rc("create_queuing.direction", rc, INVALID_CONFIG);
	CREATE_QUEUING_PORT(NAME("q_out"), QUEUE_SIZE, QUEUE_DEPTH, SOURCE, (QUEUING_DISCIPLINE_TYPE)5,
			    &id, &rc);
	check_rc("create_queuing.discipline", rc, INVALID_CONFIG);
	CREATE_QUEUING_PORT(NAME("q_out"), QUEUE_SIZE, QUEUE_DEPTH, SOURCE, FIFO, &q_out, &rc);
	check_rc("create_queuing.source", rc, NO_ERROR);
	CREATE_QUEUING_PORT(NAME("q_in"), QUEUE_SIZE, QUEUE_DEPTH, DESTINATION, PRIORITY, &q_in, &rc);
	check_rc("create_queuing.destination", rc, NO_ERROR);
	check_true("create_queuing.identifiers", q_out >= 1 && q_in >= 1 && q_out != q_in, q_in);
	CREATE_QUEUING_PORT(NAME("q_in"), QUEUE_SIZE, QUEUE_DEPTH, DESTINATION, PRIORITY, &id, &rc);
	check_rc("create_queuing.again", rc, NO_ACTION);

	GET_QUEUING_PORT_ID(NAME("nope"), &found, &rc);
	check_rc("get_queuing_port_id.unknown", rc, INVALID_CONFIG);
	GET_QUEUING_PORT_ID(NAME("q_late"), &found, &rc);
	check_rc("get_queuing_port_id.not_created", rc, INVALID_CONFIG);
	GET_QUEUING_PORT_ID(NAME("q_out"), &found, &rc);
	check_rc("get_queuing_port_id.created", rc, NO_ERROR);
	check_value("get_queuing_port_id.identifier", found, q_out);
}

static void queuing_checks(void)
{
	APEX_BYTE message[QUEUE_SIZE + 1] = "m0";
	QUEUING_PORT_STATUS_TYPE status;
	MESSAGE_SIZE_TYPE length = 99;
	RETURN_CODE_TYPE rc;

	SEND_QUEUING_MESSAGE(0, message, 2, 0, &rc);
	check_rc("send_queuing.bad_id", rc, INVALID_PARAM);
	SEND_QUEUING_MESSAGE(q_out, message, 2, -2, &rc);
	check_rc("send_queuing.bad_timeout", rc, INVALID_PARAM);
	SEND_QUEUING_MESSAGE(q_out, message, QUEUE_SIZE + 1, 0, &rc);
	check_rc("send_queuing.too_long", rc, INVALID_CONFIG);
	SEND_QUEUING_MESSAGE(q_out, message, 0, 0, &rc);
	check_rc("send_queuing.zero_length", rc, INVALID_PARAM);
	SEND_QUEUING_MESSAGE(q_in, message, 2, 0, &rc);
	check_rc("send_queuing.destination", rc, INVALID_MODE);
	SEND_QUEUING_MESSAGE(q_out, OUTSIDE, 2, 0, &rc);
	check_rc("send_queuing.outside_memory", rc, INVALID_PARAM);
	for (int i = 1; i <= QUEUE_DEPTH; i++) {
		message[1] = (APEX_BYTE)('0' + i);
		SEND_QUEUING_MESSAGE(q_out, message, 2, 0, &rc);
		check_rc(i == 1 ? "send_queuing.ok" : "send_queuing.ok_more", rc, NO_ERROR);
	}
	SEND_QUEUING_MESSAGE(q_out, message, 2, 0, &rc);
	check_rc("send_queuing.full_no_wait", rc, NOT_AVAILABLE);
	SEND_QUEUING_MESSAGE(q_out, message, 2, MS_(1), &rc);
	check_rc("send_queuing.full_in_initialization", rc, INVALID_MODE);

	GET_QUEUING_PORT_STATUS(0, &status, &rc);
	check_rc("get_queuing_port_status.bad_id", rc, INVALID_PARAM);
	GET_QUEUING_PORT_STATUS(q_out, &status, &rc);
	check_rc("get_queuing_port_status.ok", rc, NO_ERROR);
	check_value("get_queuing_port_status.messages", status.NB_MESSAGE, QUEUE_DEPTH);
	check_value("get_queuing_port_status.depth", status.MAX_NB_MESSAGE, QUEUE_DEPTH);
	check_value("get_queuing_port_status.size", status.MAX_MESSAGE_SIZE, QUEUE_SIZE);
	check_value("get_queuing_port_status.direction", status.PORT_DIRECTION, SOURCE);
	check_value("get_queuing_port_status.waiting", status.WAITING_PROCESSES, 0);

	RECEIVE_QUEUING_MESSAGE(0, 0, message, &length, &rc);
	check_rc("receive_queuing.bad_id", rc, INVALID_PARAM);
	RECEIVE_QUEUING_MESSAGE(q_in, -5, message, &length, &rc);
	check_rc("receive_queuing.bad_timeout", rc, INVALID_PARAM);
	RECEIVE_QUEUING_MESSAGE(q_out, 0, message, &length, &rc);
	check_rc("receive_queuing.source", rc, INVALID_MODE);
	RECEIVE_QUEUING_MESSAGE(q_in, 0, OUTSIDE, &length, &rc);
	check_rc("receive_queuing.outside_memory", rc, INVALID_PARAM);
	RECEIVE_QUEUING_MESSAGE(q_in, 0, message, &length, &rc);
	check_rc("receive_queuing.empty_no_wait", rc, NOT_AVAILABLE);
	check_value("receive_queuing.empty_length", length, 0);
	RECEIVE_QUEUING_MESSAGE(q_in, INFINITE_TIME_VALUE, message, &length, &rc);
	check_rc("receive_queuing.empty_in_initialization", rc, INVALID_MODE);

	CLEAR_QUEUING_PORT(0, &rc);
	check_rc("clear_queuing.bad_id", rc, INVALID_PARAM);
	CLEAR_QUEUING_PORT(q_out, &rc);
	check_rc("clear_queuing.source", rc, INVALID_MODE);
}

static void receiver(void)
{
	APEX_BYTE message[QUEUE_SIZE];
	SAMPLING_PORT_STATUS_TYPE sampling;
	QUEUING_PORT_STATUS_TYPE status;
	MESSAGE_SIZE_TYPE length = 99;
	VALIDITY_TYPE validity;
	SAMPLING_PORT_ID_TYPE late;
	SYSTEM_TIME_TYPE t0, waited;
	long turns;
	RETURN_CODE_TYPE rc;

	t0 = now();
	RECEIVE_QUEUING_MESSAGE(q_in, US_(300), message, &length, &rc);
	waited = now() - t0;
	check_rc("receive_queuing.timed_out", rc, TIMED_OUT);
	check_value("receive_queuing.timed_out_length", length, 0);
	check_true("receive_queuing.timed_out_after_timeout", waited >= US_(300) &&
		   waited < US_(350), waited);

	/* the plain partition echoes q_out's messages back in its second window */
	turns = worker_turns;
	t0 = now();
	RECEIVE_QUEUING_MESSAGE(q_in, MS_(20), message, &length, &rc);
	waited = now() - t0;
	turns = worker_turns - turns;
	check_rc("receive_queuing.waited", rc, NO_ERROR);
	check_value("receive_queuing.waited_length", length, 2);
	check_true("receive_queuing.waited_message", message[0] == 'm' && message[1] == '1',
		   message[1]);
	printf("received m%c from the plain partition after waiting %lld ns; worker ran %ld "
	       "times meanwhile\n", message[1], waited, turns);
	check_true("receive_queuing.others_run_while_it_waits", turns >= 5, turns);

	GET_QUEUING_PORT_STATUS(q_in, &status, &rc);
	check_value("get_queuing_port_status.destination_messages", status.NB_MESSAGE,
		    QUEUE_DEPTH - 1);
	CLEAR_QUEUING_PORT(q_in, &rc);
	check_rc("clear_queuing.ok", rc, NO_ERROR);
	GET_QUEUING_PORT_STATUS(q_in, &status, &rc);
	check_value("clear_queuing.emptied", status.NB_MESSAGE, 0);
	RECEIVE_QUEUING_MESSAGE(q_in, 0, message, &length, &rc);
	check_rc("clear_queuing.nothing_left", rc, NOT_AVAILABLE);

	/* the plain partition wrote its sample once, in its first window */
	READ_SAMPLING_MESSAGE(s_in, message, &length, &validity, &rc);
	check_rc("read_sampling.ok", rc, NO_ERROR);
	check_value("read_sampling.length", length, 10);
	check_true("read_sampling.message", memcmp(message, "from plain", 10) == 0, message[0]);
	check_value("read_sampling.valid", validity, VALID);
	GET_SAMPLING_PORT_STATUS(s_in, &sampling, &rc);
	check_value("get_sampling_port_status.last_valid", sampling.LAST_MSG_VALIDITY, VALID);
	TIMED_WAIT(REFRESH + MS_(1), &rc);
	READ_SAMPLING_MESSAGE(s_in, message, &length, &validity, &rc);
	check_rc("read_sampling.stale", rc, NO_ERROR);
	check_value("read_sampling.stale_invalid", validity, INVALID);
	GET_SAMPLING_PORT_STATUS(s_in, &sampling, &rc);
	check_value("get_sampling_port_status.last_invalid", sampling.LAST_MSG_VALIDITY, INVALID);

	CREATE_SAMPLING_PORT(NAME("s_late"), 8, SOURCE, REFRESH, &late, &rc);
	check_rc("create_sampling.normal_mode", rc, INVALID_MODE);
	CREATE_QUEUING_PORT(NAME("q_late"), 8, 2, SOURCE, FIFO, &late, &rc);
	check_rc("create_queuing.normal_mode", rc, INVALID_MODE);
	printf("receiver done\n");
}

static void sender(void)
{
	APEX_BYTE message[QUEUE_SIZE] = "m5";
	QUEUING_PORT_STATUS_TYPE status;
	SYSTEM_TIME_TYPE t0, waited;
	LOCK_LEVEL_TYPE level;
	RETURN_CODE_TYPE rc;

	/* q_out is full (the initialization filled it): this waits for the plain partition */
	t0 = now();
	SEND_QUEUING_MESSAGE(q_out, message, 2, MS_(10), &rc);
	waited = now() - t0;
	check_rc("send_queuing.waited_for_room", rc, NO_ERROR);
	printf("sent m5 after waiting %lld ns for room\n", waited);
	check_true("send_queuing.waited_until_received", waited >= US_(500), waited);
	for (char c = '6'; c <= '8'; c++) {
		message[1] = (APEX_BYTE)c;
		SEND_QUEUING_MESSAGE(q_out, message, 2, 0, &rc);
		check_rc("send_queuing.refill", rc, NO_ERROR);
	}
	LOCK_PREEMPTION(&level, &rc);
	SEND_QUEUING_MESSAGE(q_out, message, 2, MS_(1), &rc);
	check_rc("send_queuing.full_preemption_locked", rc, INVALID_MODE);
	UNLOCK_PREEMPTION(&level, &rc);
	message[1] = '9';
	t0 = now();
	SEND_QUEUING_MESSAGE(q_out, message, 2, US_(200), &rc);
	waited = now() - t0;
	check_rc("send_queuing.timed_out", rc, TIMED_OUT);
	check_true("send_queuing.timed_out_after_timeout", waited >= US_(200) &&
		   waited < US_(250), waited);
	GET_QUEUING_PORT_STATUS(q_out, &status, &rc);
	check_value("get_queuing_port_status.full_again", status.NB_MESSAGE, QUEUE_DEPTH);
	/* the lower-priority ones run, and wait, once this one is done; the others 50 us later */
	START(fifo_first, &rc);
	START(low_receiver, &rc);
	DELAYED_START(fifo_second, US_(50), &rc);
	DELAYED_START(high_receiver, US_(50), &rc);
	printf("sender done\n");
}

/* "q_out" is FIFO: mA, sent by the first to wait (priority 5), goes before mB (priority 15) */
static void fifo_sender(void)
{
	PROCESS_ID_TYPE me;
	RETURN_CODE_TYPE rc;

	GET_MY_ID(&me, &rc);
	APEX_BYTE message[2] = { 'm', me == fifo_first ? 'A' : 'B' };

	SEND_QUEUING_MESSAGE(q_out, message, 2, MS_(10), &rc);
	check_rc(me == fifo_first ? "send_queuing.fifo_first" : "send_queuing.fifo_second", rc,
		 NO_ERROR);
}

/* "q_in" is PRIORITY: the higher-priority receiver, which waited second, gets m5, the next m6 */
static void priority_receiver(void)
{
	APEX_BYTE message[QUEUE_SIZE];
	MESSAGE_SIZE_TYPE length;
	PROCESS_ID_TYPE me;
	RETURN_CODE_TYPE rc;

	GET_MY_ID(&me, &rc);
	RECEIVE_QUEUING_MESSAGE(q_in, MS_(10), message, &length, &rc);
	check_rc("receive_queuing.priority_waiter", rc, NO_ERROR);
	if (me == high_receiver)
		check_value("receive_queuing.priority_higher_first", message[1], '5');
	else
		check_value("receive_queuing.priority_lower_next", message[1], '6');
}

static void worker(void)
{
	RETURN_CODE_TYPE rc;

	for (;;) {
		worker_turns++;
		TIMED_WAIT(US_(100), &rc);
	}
}

static PROCESS_ID_TYPE create_process(const char *name, void (*entry)(void),
				      PRIORITY_TYPE priority)
{
	PROCESS_ATTRIBUTE_TYPE attributes = {
		.PERIOD = INFINITE_TIME_VALUE,
		.TIME_CAPACITY = INFINITE_TIME_VALUE,
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry,
		.STACK_SIZE = 8192,
		.BASE_PRIORITY = priority,
		.DEADLINE = SOFT,
	};
	PROCESS_ID_TYPE id = 0;
	RETURN_CODE_TYPE rc;

	for (int i = 0; i < MAX_NAME_LENGTH && name[i]; i++)
		attributes.NAME[i] = name[i];
	CREATE_PROCESS(&attributes, &id, &rc);
	if (rc != NO_ERROR)
		printf("process %s not created: %s\n", name, rc_name(rc));
	return id;
}

static void start_process(const char *name, void (*entry)(void), PRIORITY_TYPE priority)
{
	RETURN_CODE_TYPE rc;

	START(create_process(name, entry, priority), &rc);
	if (rc != NO_ERROR)
		printf("process %s not started: %s\n", name, rc_name(rc));
}

int main(void)
{
	RETURN_CODE_TYPE rc;

	create_sampling_checks();
	sampling_checks();
	create_queuing_checks();
	queuing_checks();
	start_process("receiver", receiver, 20);
	start_process("sender", sender, 10);
	start_process("worker", worker, 1);
	fifo_first = create_process("fifo_first", fifo_sender, 5);
	fifo_second = create_process("fifo_second", fifo_sender, 15);
	low_receiver = create_process("low_receiver", priority_receiver, 5);
	high_receiver = create_process("high_receiver", priority_receiver, 15);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
