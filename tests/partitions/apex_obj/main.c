/*
 * The APEX intra-partition objects (apex/buffer.c, blackboard.c, semaphore.c, event.c, mutex.c)
 * in a real APEX partition on one vcpu: every return code of every service, in the
 * initialization (COLD_START) and in NORMAL mode, then scenarios in ARINC 653 Part 3's style
 * (the tables' limits are apex_obj_full's: full tables would answer INVALID_CONFIG here).
 * Each check prints `check <name>: ok` or `check <name>: FAILED got X want Y`; the order in which
 * processes ran is kept as a string of marks.
 *
 * The driver (priority 5) runs everything; w1, w2, w3 (priorities 20, 30, 25) are what each
 * scenario needs them to be (`scenario` says which), started by the driver: being above it,
 * each runs at once and blocks, or runs to its end. The stopper (100) stops a mutex's owner.
 */
#include <ARINC653.h>
#include <bulkhead.h>
#include "../apex_stubs.h"
#include "../apex_names.h"

#define US 1000ll
#define MS (1000 * US)
#define STACK 4096
#define FRAME (250 * US)        /* the major frame: a wait ends at most this late */

enum scenario { S_RECEIVE, S_SEND, S_READ, S_SEMAPHORE, S_EVENT, S_MUTEX };

static enum scenario scenario;
static BUFFER_ID_TYPE buffer, buffer1;
static BLACKBOARD_ID_TYPE board;
static SEMAPHORE_ID_TYPE sem, sem_fifo, sem_priority, sem_waited;
static EVENT_ID_TYPE event;
static MUTEX_ID_TYPE mutex, low_mutex;
static PROCESS_ID_TYPE driver, w[3], stopper;
static char marks[32];
static int marked;
static APEX_BYTE got[3][16];
static MESSAGE_SIZE_TYPE got_length[3];
static RETURN_CODE_TYPE got_rc[3], timeout_rc;
static SYSTEM_TIME_TYPE timeout_took;
static PRIORITY_TYPE w3_holding, w3_released;

static void mark(char c)
{
	marks[marked++] = c;
	marks[marked] = 0;
}

static void check_text(const char *name, const char *got_text, const char *want)
{
	if (!strcmp(got_text, want)) {
		printf("check %s: ok\n", name);
	} else {
		printf("check %s: FAILED got %s want %s\n", name, got_text, want);
		failed++;
	}
}

static void check_marks(const char *name, const char *want)
{
	check_text(name, marks, want);
	marked = 0;
	marks[0] = 0;
}

static void check_message(const char *name, const APEX_BYTE *message, MESSAGE_SIZE_TYPE length,
			  const char *want)
{
	char text[17] = { 0 };

	memcpy(text, message, length > 0 && length <= 16 ? (size_t)length : 0);
	check_text(name, text, want);
}

static SYSTEM_TIME_TYPE now(void)
{
	SYSTEM_TIME_TYPE t;
	RETURN_CODE_TYPE rc;

	GET_TIME(&t, &rc);
	return t;
}

static PRIORITY_TYPE priority_of(PROCESS_ID_TYPE id)
{
	PROCESS_STATUS_TYPE status;
	RETURN_CODE_TYPE rc;

	GET_PROCESS_STATUS(id, &status, &rc);
	return status.CURRENT_PRIORITY;
}

/* ---- The initialization (COLD_START): creations ---- */

static void create_checks(void)
{
	BUFFER_ID_TYPE id = 0;
	RETURN_CODE_TYPE rc;

	CREATE_BUFFER(N("b"), 0, 2, FIFO, &id, &rc);
	check("create_buffer_size_0", rc, INVALID_PARAM);
	CREATE_BUFFER(N("b"), SYSTEM_LIMIT_MESSAGE_SIZE + 1, 2, FIFO, &id, &rc);
	check("create_buffer_size_big", rc, INVALID_PARAM);
	CREATE_BUFFER(N("b"), 8, 0, FIFO, &id, &rc);
	check("create_buffer_count_0", rc, INVALID_PARAM);
	CREATE_BUFFER(N("b"), 8, SYSTEM_LIMIT_NUMBER_OF_MESSAGES + 1, FIFO, &id, &rc);
	check("create_buffer_count_big", rc, INVALID_PARAM);
	CREATE_BUFFER(N("b"), 8, 2, (QUEUING_DISCIPLINE_TYPE)2, &id, &rc);
	check("create_buffer_discipline", rc, INVALID_PARAM);
	/* 64 KiB of messages: more than the partition has left above its stacks */
	CREATE_BUFFER(N("b"), SYSTEM_LIMIT_MESSAGE_SIZE, SYSTEM_LIMIT_NUMBER_OF_MESSAGES, FIFO,
		      &id, &rc);
	check("create_buffer_memory", rc, INVALID_CONFIG);
	CREATE_BUFFER(N("b"), 8, 2, FIFO, &buffer, &rc);
	check("create_buffer", rc, NO_ERROR);
	CREATE_BUFFER(N("b"), 8, 2, FIFO, &id, &rc);
	check("create_buffer_exists", rc, NO_ACTION);
	CREATE_BUFFER(N("b1"), 8, 1, FIFO, &buffer1, &rc);
	GET_BUFFER_ID(N("b1"), &id, &rc);
	check("get_buffer_id", rc == NO_ERROR && id == buffer1, 1);
	GET_BUFFER_ID(N("none"), &id, &rc);
	check("get_buffer_id_unknown", rc, INVALID_CONFIG);

	CREATE_BLACKBOARD(N("bb"), 0, &id, &rc);
	check("create_blackboard_size_0", rc, INVALID_PARAM);
	CREATE_BLACKBOARD(N("bb"), SYSTEM_LIMIT_MESSAGE_SIZE + 1, &id, &rc);
	check("create_blackboard_size_big", rc, INVALID_PARAM);
	CREATE_BLACKBOARD(N("bb"), 16, &board, &rc);
	check("create_blackboard", rc, NO_ERROR);
	CREATE_BLACKBOARD(N("bb"), 16, &id, &rc);
	check("create_blackboard_exists", rc, NO_ACTION);
	GET_BLACKBOARD_ID(N("bb"), &id, &rc);
	check("get_blackboard_id", rc == NO_ERROR && id == board, 1);
	GET_BLACKBOARD_ID(N("none"), &id, &rc);
	check("get_blackboard_id_unknown", rc, INVALID_CONFIG);

	CREATE_SEMAPHORE(N("s"), -1, 1, FIFO, &id, &rc);
	check("create_semaphore_value_negative", rc, INVALID_PARAM);
	CREATE_SEMAPHORE(N("s"), 2, 1, FIFO, &id, &rc);
	check("create_semaphore_value_above_max", rc, INVALID_PARAM);
	CREATE_SEMAPHORE(N("s"), 0, 0, FIFO, &id, &rc);
	check("create_semaphore_max_0", rc, INVALID_PARAM);
	CREATE_SEMAPHORE(N("s"), 0, MAX_SEMAPHORE_VALUE + 1, FIFO, &id, &rc);
	check("create_semaphore_max_big", rc, INVALID_PARAM);
	CREATE_SEMAPHORE(N("s"), 0, 1, (QUEUING_DISCIPLINE_TYPE)5, &id, &rc);
	check("create_semaphore_discipline", rc, INVALID_PARAM);
	CREATE_SEMAPHORE(N("s"), 1, 1, FIFO, &sem, &rc);
	check("create_semaphore", rc, NO_ERROR);
	CREATE_SEMAPHORE(N("s"), 1, 1, FIFO, &id, &rc);
	check("create_semaphore_exists", rc, NO_ACTION);
	CREATE_SEMAPHORE(N("sf"), 0, 5, FIFO, &sem_fifo, &rc);
	CREATE_SEMAPHORE(N("sp"), 0, 5, PRIORITY, &sem_priority, &rc);
	CREATE_SEMAPHORE(N("sw"), 0, 5, FIFO, &sem_waited, &rc);
	GET_SEMAPHORE_ID(N("sp"), &id, &rc);
	check("get_semaphore_id", rc == NO_ERROR && id == sem_priority, 1);
	GET_SEMAPHORE_ID(N("none"), &id, &rc);
	check("get_semaphore_id_unknown", rc, INVALID_CONFIG);

	CREATE_EVENT(N("e"), &event, &rc);
	check("create_event", rc, NO_ERROR);
	CREATE_EVENT(N("e"), &id, &rc);
	check("create_event_exists", rc, NO_ACTION);
	GET_EVENT_ID(N("e"), &id, &rc);
	check("get_event_id", rc == NO_ERROR && id == event, 1);
	GET_EVENT_ID(N("none"), &id, &rc);
	check("get_event_id_unknown", rc, INVALID_CONFIG);

	CREATE_MUTEX(N("m"), MIN_PRIORITY_VALUE - 1, FIFO, &id, &rc);
	check("create_mutex_priority_low", rc, INVALID_PARAM);
	CREATE_MUTEX(N("m"), MAX_PRIORITY_VALUE + 1, FIFO, &id, &rc);
	check("create_mutex_priority_high", rc, INVALID_PARAM);
	CREATE_MUTEX(N("m"), 50, (QUEUING_DISCIPLINE_TYPE)9, &id, &rc);
	check("create_mutex_discipline", rc, INVALID_PARAM);
	CREATE_MUTEX(N("m"), 50, PRIORITY, &mutex, &rc);
	check("create_mutex", rc, NO_ERROR);
	CREATE_MUTEX(N("m"), 50, FIFO, &id, &rc);
	check("create_mutex_exists", rc, NO_ACTION);
	CREATE_MUTEX(N("ml"), 3, FIFO, &low_mutex, &rc);
	GET_MUTEX_ID(N("m"), &id, &rc);
	check("get_mutex_id", rc == NO_ERROR && id == mutex, 1);
	GET_MUTEX_ID(N("none"), &id, &rc);
	check("get_mutex_id_unknown", rc, INVALID_CONFIG);
}

/* The initialization may not wait. */
static void init_wait_checks(void)
{
	APEX_BYTE out[8];
	MESSAGE_SIZE_TYPE length;
	RETURN_CODE_TYPE rc;

	SEND_BUFFER(buffer1, (APEX_BYTE *)"full", 4, 0, &rc);
	SEND_BUFFER(buffer1, (APEX_BYTE *)"more", 4, 1 * MS, &rc);
	check("send_buffer_init_may_not_wait", rc, INVALID_MODE);
	RECEIVE_BUFFER(buffer1, 0, out, &length, &rc);
	RECEIVE_BUFFER(buffer1, 1 * MS, out, &length, &rc);
	check("receive_buffer_init_may_not_wait", rc, INVALID_MODE);
	READ_BLACKBOARD(board, 1 * MS, out, &length, &rc);
	check("read_blackboard_init_may_not_wait", rc, INVALID_MODE);
	WAIT_SEMAPHORE(sem_fifo, INFINITE_TIME_VALUE, &rc);
	check("wait_semaphore_init_may_not_wait", rc, INVALID_MODE);
	WAIT_EVENT(event, 1 * MS, &rc);
	check("wait_event_init_may_not_wait", rc, INVALID_MODE);
	ACQUIRE_MUTEX(mutex, 0, &rc);
	check("acquire_mutex_init", rc, INVALID_MODE);
}

/* ---- NORMAL mode: each service's codes, from the driver ---- */

static void normal_creation_checks(void)
{
	APEX_INTEGER id;
	RETURN_CODE_TYPE rc;

	CREATE_BUFFER(N("late"), 8, 2, FIFO, &id, &rc);
	check("create_buffer_normal", rc, INVALID_MODE);
	CREATE_BLACKBOARD(N("late"), 8, &id, &rc);
	check("create_blackboard_normal", rc, INVALID_MODE);
	CREATE_SEMAPHORE(N("late"), 0, 1, FIFO, &id, &rc);
	check("create_semaphore_normal", rc, INVALID_MODE);
	CREATE_EVENT(N("late"), &id, &rc);
	check("create_event_normal", rc, INVALID_MODE);
	CREATE_MUTEX(N("late"), 50, FIFO, &id, &rc);
	check("create_mutex_normal", rc, INVALID_MODE);
}

static void buffer_checks(void)
{
	BUFFER_STATUS_TYPE status;
	APEX_BYTE out[8];
	MESSAGE_SIZE_TYPE length = 0;
	LOCK_LEVEL_TYPE level;
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE t0;

	SEND_BUFFER(0, (APEX_BYTE *)"x", 1, 0, &rc);
	check("send_buffer_bad_id", rc, INVALID_PARAM);
	SEND_BUFFER(buffer, (APEX_BYTE *)"123456789", 9, 0, &rc);
	check("send_buffer_too_long", rc, INVALID_PARAM);
	SEND_BUFFER(buffer, (APEX_BYTE *)"x", 0, 0, &rc);
	check("send_buffer_length_0", rc, INVALID_PARAM);
	SEND_BUFFER(buffer, (APEX_BYTE *)"x", 1, -2, &rc);
	check("send_buffer_bad_timeout", rc, INVALID_PARAM);
	SEND_BUFFER(buffer, (APEX_BYTE *)"first", 5, 0, &rc);
	check("send_buffer", rc, NO_ERROR);
	SEND_BUFFER(buffer, (APEX_BYTE *)"second", 6, INFINITE_TIME_VALUE, &rc);
	check("send_buffer_second", rc, NO_ERROR);
	SEND_BUFFER(buffer, (APEX_BYTE *)"third", 5, 0, &rc);
	check("send_buffer_full_now", rc, NOT_AVAILABLE);
	t0 = now();
	SEND_BUFFER(buffer, (APEX_BYTE *)"third", 5, 2 * MS, &rc);
	check("send_buffer_timed_out", rc, TIMED_OUT);
	check("send_buffer_timeout_not_early", now() - t0 >= 2 * MS, 1);
	GET_BUFFER_STATUS(buffer, &status, &rc);
	check("buffer_status", rc, NO_ERROR);
	check("buffer_status_messages", status.NB_MESSAGE, 2);
	check("buffer_status_max_messages", status.MAX_NB_MESSAGE, 2);
	check("buffer_status_max_size", status.MAX_MESSAGE_SIZE, 8);
	check("buffer_status_waiting", status.WAITING_PROCESSES, 0);
	GET_BUFFER_STATUS(buffer + 100, &status, &rc);
	check("buffer_status_bad_id", rc, INVALID_PARAM);
	RECEIVE_BUFFER(buffer, 0, out, &length, &rc);
	check("receive_buffer", rc, NO_ERROR);
	check_message("receive_buffer_first_in", out, length, "first");
	RECEIVE_BUFFER(buffer, 0, out, &length, &rc);
	check_message("receive_buffer_second_in", out, length, "second");
	RECEIVE_BUFFER(buffer, 0, out, &length, &rc);
	check("receive_buffer_empty_now", rc, NOT_AVAILABLE);
	check("receive_buffer_empty_length", length, 0);
	t0 = now();
	RECEIVE_BUFFER(buffer, 2 * MS, out, &length, &rc);
	check("receive_buffer_timed_out", rc, TIMED_OUT);
	check("receive_buffer_timeout_not_early", now() - t0 >= 2 * MS, 1);
	RECEIVE_BUFFER(-1, 0, out, &length, &rc);
	check("receive_buffer_bad_id", rc, INVALID_PARAM);
	RECEIVE_BUFFER(buffer, -5, out, &length, &rc);
	check("receive_buffer_bad_timeout", rc, INVALID_PARAM);
	LOCK_PREEMPTION(&level, &rc);
	RECEIVE_BUFFER(buffer, 1 * MS, out, &length, &rc);
	check("receive_buffer_preemption_locked", rc, INVALID_MODE);
	UNLOCK_PREEMPTION(&level, &rc);
}

static void blackboard_checks(void)
{
	BLACKBOARD_STATUS_TYPE status;
	APEX_BYTE out[16];
	MESSAGE_SIZE_TYPE length = 0;
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE t0;

	READ_BLACKBOARD(board, 0, out, &length, &rc);
	check("read_blackboard_empty_now", rc, NOT_AVAILABLE);
	t0 = now();
	READ_BLACKBOARD(board, 2 * MS, out, &length, &rc);
	check("read_blackboard_timed_out", rc, TIMED_OUT);
	check("read_blackboard_timeout_not_early", now() - t0 >= 2 * MS, 1);
	READ_BLACKBOARD(board + 50, 0, out, &length, &rc);
	check("read_blackboard_bad_id", rc, INVALID_PARAM);
	READ_BLACKBOARD(board, -3, out, &length, &rc);
	check("read_blackboard_bad_timeout", rc, INVALID_PARAM);
	DISPLAY_BLACKBOARD(0, (APEX_BYTE *)"x", 1, &rc);
	check("display_blackboard_bad_id", rc, INVALID_PARAM);
	DISPLAY_BLACKBOARD(board, (APEX_BYTE *)"0123456789abcdefg", 17, &rc);
	check("display_blackboard_too_long", rc, INVALID_PARAM);
	DISPLAY_BLACKBOARD(board, (APEX_BYTE *)"x", 0, &rc);
	check("display_blackboard_length_0", rc, INVALID_PARAM);
	DISPLAY_BLACKBOARD(board, (APEX_BYTE *)"shown", 5, &rc);
	check("display_blackboard", rc, NO_ERROR);
	READ_BLACKBOARD(board, 0, out, &length, &rc);
	check("read_blackboard", rc, NO_ERROR);
	check_message("read_blackboard_message", out, length, "shown");
	READ_BLACKBOARD(board, INFINITE_TIME_VALUE, out, &length, &rc);
	check_message("read_blackboard_again", out, length, "shown");
	GET_BLACKBOARD_STATUS(board, &status, &rc);
	check("blackboard_status", rc, NO_ERROR);
	check("blackboard_status_occupied", status.EMPTY_INDICATOR, OCCUPIED);
	check("blackboard_status_max_size", status.MAX_MESSAGE_SIZE, 16);
	check("blackboard_status_waiting", status.WAITING_PROCESSES, 0);
	GET_BLACKBOARD_STATUS(board + 50, &status, &rc);
	check("blackboard_status_bad_id", rc, INVALID_PARAM);
	CLEAR_BLACKBOARD(board, &rc);
	check("clear_blackboard", rc, NO_ERROR);
	GET_BLACKBOARD_STATUS(board, &status, &rc);
	check("blackboard_status_cleared", status.EMPTY_INDICATOR, EMPTY);
	READ_BLACKBOARD(board, 0, out, &length, &rc);
	check("read_blackboard_cleared", rc, NOT_AVAILABLE);
	CLEAR_BLACKBOARD(board + 50, &rc);
	check("clear_blackboard_bad_id", rc, INVALID_PARAM);
}

static void semaphore_checks(void)
{
	SEMAPHORE_STATUS_TYPE status;
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE t0;

	WAIT_SEMAPHORE(sem, 0, &rc);
	check("wait_semaphore", rc, NO_ERROR);
	WAIT_SEMAPHORE(sem, 0, &rc);
	check("wait_semaphore_now", rc, NOT_AVAILABLE);
	t0 = now();
	WAIT_SEMAPHORE(sem, 2 * MS, &rc);
	check("wait_semaphore_timed_out", rc, TIMED_OUT);
	check("wait_semaphore_timeout_not_early", now() - t0 >= 2 * MS, 1);
	WAIT_SEMAPHORE(0, 0, &rc);
	check("wait_semaphore_bad_id", rc, INVALID_PARAM);
	WAIT_SEMAPHORE(sem, -9, &rc);
	check("wait_semaphore_bad_timeout", rc, INVALID_PARAM);
	SIGNAL_SEMAPHORE(sem, &rc);
	check("signal_semaphore", rc, NO_ERROR);
	SIGNAL_SEMAPHORE(sem, &rc);
	check("signal_semaphore_at_max", rc, NO_ACTION);
	SIGNAL_SEMAPHORE(sem + 50, &rc);
	check("signal_semaphore_bad_id", rc, INVALID_PARAM);
	GET_SEMAPHORE_STATUS(sem, &status, &rc);
	check("semaphore_status", rc, NO_ERROR);
	check("semaphore_status_value", status.CURRENT_VALUE, 1);
	check("semaphore_status_max", status.MAXIMUM_VALUE, 1);
	check("semaphore_status_waiting", status.WAITING_PROCESSES, 0);
	GET_SEMAPHORE_STATUS(sem + 50, &status, &rc);
	check("semaphore_status_bad_id", rc, INVALID_PARAM);
}

static void event_checks(void)
{
	EVENT_STATUS_TYPE status;
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE t0;

	WAIT_EVENT(event, 0, &rc);
	check("wait_event_down_now", rc, NOT_AVAILABLE);
	t0 = now();
	WAIT_EVENT(event, 2 * MS, &rc);
	check("wait_event_timed_out", rc, TIMED_OUT);
	check("wait_event_timeout_not_early", now() - t0 >= 2 * MS, 1);
	WAIT_EVENT(event + 50, 0, &rc);
	check("wait_event_bad_id", rc, INVALID_PARAM);
	WAIT_EVENT(event, -2, &rc);
	check("wait_event_bad_timeout", rc, INVALID_PARAM);
	SET_EVENT(event, &rc);
	check("set_event", rc, NO_ERROR);
	WAIT_EVENT(event, INFINITE_TIME_VALUE, &rc);
	check("wait_event_up", rc, NO_ERROR);
	GET_EVENT_STATUS(event, &status, &rc);
	check("event_status", rc, NO_ERROR);
	check("event_status_up", status.EVENT_STATE, UP);
	check("event_status_waiting", status.WAITING_PROCESSES, 0);
	RESET_EVENT(event, &rc);
	check("reset_event", rc, NO_ERROR);
	GET_EVENT_STATUS(event, &status, &rc);
	check("event_status_down", status.EVENT_STATE, DOWN);
	SET_EVENT(0, &rc);
	check("set_event_bad_id", rc, INVALID_PARAM);
	RESET_EVENT(event + 50, &rc);
	check("reset_event_bad_id", rc, INVALID_PARAM);
	GET_EVENT_STATUS(event + 50, &status, &rc);
	check("event_status_bad_id", rc, INVALID_PARAM);
}

static void mutex_checks(void)
{
	MUTEX_STATUS_TYPE status;
	MUTEX_ID_TYPE held = 0;
	APEX_BYTE out[8];
	MESSAGE_SIZE_TYPE length;
	LOCK_LEVEL_TYPE level;
	RETURN_CODE_TYPE rc;

	ACQUIRE_MUTEX(mutex, 0, &rc);
	check("acquire_mutex", rc, NO_ERROR);
	check("acquire_mutex_raises_priority", priority_of(driver), 50);
	ACQUIRE_MUTEX(mutex, INFINITE_TIME_VALUE, &rc);
	check("acquire_mutex_again", rc, NO_ERROR);
	GET_MUTEX_STATUS(mutex, &status, &rc);
	check("mutex_status", rc, NO_ERROR);
	check("mutex_status_owned", status.MUTEX_STATE, OWNED);
	check("mutex_status_owner", status.MUTEX_OWNER, driver);
	check("mutex_status_priority", status.MUTEX_PRIORITY, 50);
	check("mutex_status_lock_count", status.LOCK_COUNT, 2);
	check("mutex_status_waiting", status.WAITING_PROCESSES, 0);
	GET_PROCESS_MUTEX_STATE(driver, &held, &rc);
	check("process_mutex_state", rc == NO_ERROR && held == mutex, 1);
	ACQUIRE_MUTEX(low_mutex, 0, &rc);
	check("acquire_mutex_second", rc, INVALID_MODE);
	RECEIVE_BUFFER(buffer, 1 * MS, out, &length, &rc);
	check("receive_buffer_holding_mutex", rc, INVALID_MODE);
	RELEASE_MUTEX(mutex, &rc);
	check("release_mutex", rc, NO_ERROR);
	check("release_mutex_keeps_priority", priority_of(driver), 50);
	RELEASE_MUTEX(mutex, &rc);
	check("release_mutex_last", rc, NO_ERROR);
	check("release_mutex_restores_priority", priority_of(driver), 5);
	GET_MUTEX_STATUS(mutex, &status, &rc);
	check("mutex_status_available", status.MUTEX_STATE, AVAILABLE);
	check("mutex_status_no_owner", status.MUTEX_OWNER, NULL_PROCESS_ID);
	RELEASE_MUTEX(mutex, &rc);
	check("release_mutex_not_owner", rc, INVALID_MODE);
	GET_PROCESS_MUTEX_STATE(driver, &held, &rc);
	check("process_mutex_state_none", held, NO_MUTEX_OWNED);
	ACQUIRE_MUTEX(low_mutex, 0, &rc);             /* its priority 3 is below the driver's */
	check("acquire_mutex_above_its_priority", rc, INVALID_CONFIG);
	ACQUIRE_MUTEX(0, 0, &rc);
	check("acquire_mutex_bad_id", rc, INVALID_PARAM);
	ACQUIRE_MUTEX(mutex, -4, &rc);
	check("acquire_mutex_bad_timeout", rc, INVALID_PARAM);
	RELEASE_MUTEX(mutex + 60, &rc);
	check("release_mutex_bad_id", rc, INVALID_PARAM);
	RESET_MUTEX(mutex, driver, &rc);
	check("reset_mutex_not_owner", rc, INVALID_MODE);
	RESET_MUTEX(mutex, 999, &rc);
	check("reset_mutex_bad_process", rc, INVALID_PARAM);
	RESET_MUTEX(mutex + 60, driver, &rc);
	check("reset_mutex_bad_id", rc, INVALID_PARAM);
	GET_MUTEX_STATUS(mutex + 60, &status, &rc);
	check("mutex_status_bad_id", rc, INVALID_PARAM);
	GET_PROCESS_MUTEX_STATE(999, &held, &rc);
	check("process_mutex_state_bad_id", rc, INVALID_PARAM);
	LOCK_PREEMPTION(&level, &rc);
	GET_PROCESS_MUTEX_STATE(driver, &held, &rc);
	check("process_mutex_state_preemption_lock", held, PREEMPTION_LOCK_MUTEX);
	ACQUIRE_MUTEX(mutex, 0, &rc);
	check("acquire_mutex_preemption_locked", rc, INVALID_MODE);
	UNLOCK_PREEMPTION(&level, &rc);
}

/* ---- Scenarios ---- */

static int self_index(void)
{
	PROCESS_ID_TYPE me;
	RETURN_CODE_TYPE rc;

	GET_MY_ID(&me, &rc);
	for (int i = 0; i < 3; i++)
		if (w[i] == me)
			return i;
	return -1;
}

static void worker_main(void)
{
	int i = self_index();
	char digit = (char)('1' + i);
	SYSTEM_TIME_TYPE t0;
	RETURN_CODE_TYPE rc;

	switch (scenario) {
	case S_RECEIVE:
		t0 = now();
		RECEIVE_BUFFER(buffer, 2 * MS, got[i], &got_length[i], &timeout_rc);
		timeout_took = now() - t0;
		RECEIVE_BUFFER(buffer, INFINITE_TIME_VALUE, got[i], &got_length[i], &got_rc[i]);
		mark('R');
		break;
	case S_SEND:
		t0 = now();
		SEND_BUFFER(buffer1, (APEX_BYTE *)"second", 6, 2 * MS, &timeout_rc);
		timeout_took = now() - t0;
		SEND_BUFFER(buffer1, (APEX_BYTE *)"second", 6, INFINITE_TIME_VALUE, &got_rc[i]);
		mark('W');
		break;
	case S_READ:
		READ_BLACKBOARD(board, INFINITE_TIME_VALUE, got[i], &got_length[i], &got_rc[i]);
		mark(digit);
		break;
	case S_SEMAPHORE:
		WAIT_SEMAPHORE(sem_waited, INFINITE_TIME_VALUE, &got_rc[i]);
		mark(digit);
		break;
	case S_EVENT:
		WAIT_EVENT(event, INFINITE_TIME_VALUE, &got_rc[i]);
		mark(digit);
		break;
	case S_MUTEX:
		if (i == 0) {
			/* the owner: holds the mutex and runs on until stopped */
			ACQUIRE_MUTEX(mutex, 0, &got_rc[0]);
			mark('L');
			START(w[2], &rc);
			mark('l');
			/* never returns: the marks must reach memory before the loop */
			for (;;)
				__asm__ volatile("" ::: "memory");
		} else {
			mark('H');
			ACQUIRE_MUTEX(mutex, 0, &got_rc[2]);
			w3_holding = priority_of(w[2]);
			RELEASE_MUTEX(mutex, &rc);
			w3_released = priority_of(w[2]);
		}
		break;
	}
}

static void stopper_main(void)
{
	MUTEX_STATUS_TYPE status;
	MUTEX_ID_TYPE held;
	RETURN_CODE_TYPE rc;

	TIMED_WAIT(3 * MS, &rc);
	check_text("mutex_priority_holds_off_higher", marks, "Ll");
	check("mutex_owner_at_mutex_priority", priority_of(w[0]), 50);
	GET_MUTEX_STATUS(mutex, &status, &rc);
	check("mutex_owned_before_stop", status.MUTEX_OWNER, w[0]);
	STOP(w[0], &rc);
	check("stop_owner", rc, NO_ERROR);
	GET_MUTEX_STATUS(mutex, &status, &rc);
	check("mutex_released_on_stop", status.MUTEX_STATE, AVAILABLE);
	check("mutex_lock_count_on_stop", status.LOCK_COUNT, 0);
	GET_PROCESS_MUTEX_STATE(w[0], &held, &rc);
	check("stopped_owner_holds_none", held, NO_MUTEX_OWNED);
	mark('X');
}

static void start_workers(enum scenario s, int count)
{
	RETURN_CODE_TYPE rc;

	scenario = s;
	for (int i = 0; i < 3; i++) {
		got_rc[i] = (RETURN_CODE_TYPE)-1;
		got_length[i] = 0;
		memset(got[i], 0, sizeof(got[i]));
	}
	for (int i = 0; i < count; i++)
		START(w[i], &rc);
}

static void scenarios(void)
{
	BLACKBOARD_STATUS_TYPE board_status;
	SEMAPHORE_STATUS_TYPE sem_status;
	EVENT_STATUS_TYPE event_status;
	APEX_BYTE out[8];
	MESSAGE_SIZE_TYPE length;
	RETURN_CODE_TYPE rc;

	/* a receiver blocked on an empty buffer: its time-out, then the next message */
	start_workers(S_RECEIVE, 1);
	mark('d');
	TIMED_WAIT(4 * MS, &rc);
	check("blocked_receive_timed_out", timeout_rc, TIMED_OUT);
	check("blocked_receive_timeout_not_early", timeout_took >= 2 * MS, 1);
	check("blocked_receive_timeout_on_time", timeout_took <= 2 * MS + FRAME, 1);
	mark('s');
	SEND_BUFFER(buffer, (APEX_BYTE *)"wake", 4, 0, &rc);
	mark('S');
	check_marks("blocked_receive_runs_at_send", "dsRS");
	check("blocked_receive_rc", got_rc[0], NO_ERROR);
	check_message("blocked_receive_message", got[0], got_length[0], "wake");

	/* a sender blocked on a full buffer: its time-out, then room made by a receive */
	SEND_BUFFER(buffer1, (APEX_BYTE *)"first", 5, 0, &rc);
	start_workers(S_SEND, 1);
	TIMED_WAIT(4 * MS, &rc);
	check("blocked_send_timed_out", timeout_rc, TIMED_OUT);
	check("blocked_send_timeout_not_early", timeout_took >= 2 * MS, 1);
	check("blocked_send_timeout_on_time", timeout_took <= 2 * MS + FRAME, 1);
	mark('r');
	RECEIVE_BUFFER(buffer1, 0, out, &length, &rc);
	mark('R');
	check_message("blocked_send_oldest_first", out, length, "first");
	check_marks("blocked_send_runs_at_receive", "rWR");
	check("blocked_send_rc", got_rc[0], NO_ERROR);
	RECEIVE_BUFFER(buffer1, 0, out, &length, &rc);
	check_message("blocked_send_message_went_in", out, length, "second");

	/* a display wakes every reader of the empty blackboard, highest priority first */
	start_workers(S_READ, 3);
	GET_BLACKBOARD_STATUS(board, &board_status, &rc);
	check("blackboard_readers_waiting", board_status.WAITING_PROCESSES, 3);
	mark('d');
	DISPLAY_BLACKBOARD(board, (APEX_BYTE *)"news", 4, &rc);
	mark('D');
	check_marks("display_wakes_every_reader", "d231D");
	for (int i = 0; i < 3; i++) {
		check(numbered("reader_rc_", i + 1), got_rc[i], NO_ERROR);
		check_message(numbered("reader_message_", i + 1), got[i], got_length[i], "news");
	}
	GET_BLACKBOARD_STATUS(board, &board_status, &rc);
	check("blackboard_readers_left", board_status.WAITING_PROCESSES, 0);

	/* semaphore waiters 1, 2, 3 (priorities 20, 30, 25) in that order; one signal each */
	sem_waited = sem_fifo;
	start_workers(S_SEMAPHORE, 3);
	for (int i = 0; i < 3; i++)
		SIGNAL_SEMAPHORE(sem_fifo, &rc);
	check_marks("semaphore_fifo_order", "123");
	sem_waited = sem_priority;
	start_workers(S_SEMAPHORE, 3);
	GET_SEMAPHORE_STATUS(sem_priority, &sem_status, &rc);
	check("semaphore_waiting", sem_status.WAITING_PROCESSES, 3);
	for (int i = 0; i < 3; i++)
		SIGNAL_SEMAPHORE(sem_priority, &rc);
	check_marks("semaphore_priority_order", "231");
	GET_SEMAPHORE_STATUS(sem_priority, &sem_status, &rc);
	check("semaphore_value_after_wakes", sem_status.CURRENT_VALUE, 0);

	/* one SET_EVENT wakes every waiter */
	RESET_EVENT(event, &rc);
	start_workers(S_EVENT, 3);
	GET_EVENT_STATUS(event, &event_status, &rc);
	check("event_waiters", event_status.WAITING_PROCESSES, 3);
	mark('s');
	SET_EVENT(event, &rc);
	mark('S');
	check_marks("set_event_wakes_every_waiter", "s231S");
	GET_EVENT_STATUS(event, &event_status, &rc);
	check("event_waiters_left", event_status.WAITING_PROCESSES, 0);

	/* the owner of a mutex runs at its priority, above w3; stopped, it gives the mutex up */
	scenario = S_MUTEX;
	START(stopper, &rc);
	start_workers(S_MUTEX, 1);
	check_marks("mutex_stop_order", "LlXH");
	check("mutex_owner_acquired", got_rc[0], NO_ERROR);
	check("mutex_after_stop_acquired", got_rc[2], NO_ERROR);
	check("mutex_after_stop_priority", w3_holding, 50);
	check("mutex_after_release_priority", w3_released, 25);
}

static void driver_main(void)
{
	normal_creation_checks();
	buffer_checks();
	blackboard_checks();
	semaphore_checks();
	event_checks();
	mutex_checks();
	scenarios();
	printf("apex_obj: done, %d failed\n", failed);
}

static PROCESS_ID_TYPE create(const char *name, void (*entry)(void), PRIORITY_TYPE priority)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = INFINITE_TIME_VALUE, .TIME_CAPACITY = INFINITE_TIME_VALUE,
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry, .STACK_SIZE = STACK,
		.BASE_PRIORITY = priority, .DEADLINE = SOFT,
	};
	PROCESS_ID_TYPE id = 0;
	RETURN_CODE_TYPE rc;

	memcpy(a.NAME, N(name), sizeof(a.NAME));
	CREATE_PROCESS(&a, &id, &rc);
	if (rc != NO_ERROR)
		printf("CREATE_PROCESS %s: %d\n", name, (int)rc);
	return id;
}

int main(void)
{
	RETURN_CODE_TYPE rc;

	create_checks();
	init_wait_checks();
	driver = create("driver", driver_main, 5);
	w[0] = create("w1", worker_main, 20);
	w[1] = create("w2", worker_main, 30);
	w[2] = create("w3", worker_main, 25);
	stopper = create("stopper", stopper_main, 100);
	START(driver, &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	printf("SET_PARTITION_MODE(NORMAL) returned %d\n", (int)rc);
	return 0;
}
