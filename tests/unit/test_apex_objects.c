/*
 * The APEX intra-partition objects (apex/buffer.c, blackboard.c, semaphore.c, event.c, mutex.c)
 * on a stand-in of the layer's core (apex_core_fake.h): every return code of every service, and
 * who a wake reaches in which order. A "wait" here runs what the test scripted for the time the
 * process waits, as other processes, then returns woken or timed out.
 * Objects are never deleted: each test creates its own under its own names, and the tests that
 * fill a table to its limit come last.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "apex_core_fake.h"

#define MS 1000000LL

static RETURN_CODE_TYPE rc;

/* A name as the services take it: a whole NAME_TYPE (they may read all of it). */
static char *N(const char *text)
{
	static NAME_TYPE name;

	memset(name, 0, sizeof(name));
	strncpy(name, text, sizeof(name));
	return name;
}

/* Runs the initialization's creations in COLD_START. */
static void cold_start(void)
{
	fake_reset(10);
	fake_mode = COLD_START;
	fake_current = NULL;
}

static void normal_as(PROCESS_ID_TYPE id)
{
	fake_mode = NORMAL;
	fake_current = fake_process(id);
}

/* ---- Buffers ---- */

static BUFFER_ID_TYPE new_buffer(const char *name, MESSAGE_SIZE_TYPE size, MESSAGE_RANGE_TYPE n,
				 QUEUING_DISCIPLINE_TYPE discipline)
{
	BUFFER_ID_TYPE id = 0;

	cold_start();
	CREATE_BUFFER(N(name), size, n, discipline, &id, &rc);
	assert_int_equal(rc, NO_ERROR);
	normal_as(1);
	return id;
}

static void test_buffer_create_errors(void **state)
{
	BUFFER_ID_TYPE id = 77;

	(void)state;
	fake_reset(10);
	CREATE_BUFFER(N("b_mode"), 16, 4, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_MODE);
	assert_int_equal(id, 77);
	cold_start();
	CREATE_BUFFER(N("b_size0"), 0, 4, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	CREATE_BUFFER(N("b_size"), SYSTEM_LIMIT_MESSAGE_SIZE + 1, 4, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	CREATE_BUFFER(N("b_count0"), 16, 0, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	CREATE_BUFFER(N("b_count"), 16, SYSTEM_LIMIT_NUMBER_OF_MESSAGES + 1, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	CREATE_BUFFER(N("b_disc"), 16, 4, (QUEUING_DISCIPLINE_TYPE)2, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	fake_alloc_left = 16 * 4;                  /* the lengths do not fit as well */
	CREATE_BUFFER(N("b_memory"), 16, 4, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_CONFIG);
	fake_alloc_left = 1u << 20;
	assert_int_equal(id, 77);
	CREATE_BUFFER(N("b_ok"), SYSTEM_LIMIT_MESSAGE_SIZE, SYSTEM_LIMIT_NUMBER_OF_MESSAGES, PRIORITY,
		      &id, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_true(id >= 1);
	CREATE_BUFFER(N("b_ok"), 16, 4, FIFO, &id, &rc);
	assert_int_equal(rc, NO_ACTION);
	/* the initialization is not in NORMAL mode in WARM_START either */
	fake_mode = WARM_START;
	CREATE_BUFFER(N("b_warm"), 16, 4, FIFO, &id, &rc);
	assert_int_equal(rc, NO_ERROR);
}

static void test_buffer_id_and_status(void **state)
{
	BUFFER_ID_TYPE id = new_buffer("b_status", 8, 3, FIFO), found = 0;
	BUFFER_STATUS_TYPE status;

	(void)state;
	GET_BUFFER_ID(N("b_status"), &found, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(found, id);
	GET_BUFFER_ID(N("b_none"), &found, &rc);
	assert_int_equal(rc, INVALID_CONFIG);
	SEND_BUFFER(id, (APEX_BYTE *)"abc", 3, 0, &rc);
	assert_int_equal(rc, NO_ERROR);
	GET_BUFFER_STATUS(id, &status, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(status.NB_MESSAGE, 1);
	assert_int_equal(status.MAX_NB_MESSAGE, 3);
	assert_int_equal(status.MAX_MESSAGE_SIZE, 8);
	assert_int_equal(status.WAITING_PROCESSES, 0);
	GET_BUFFER_STATUS(0, &status, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	GET_BUFFER_STATUS(id + 100, &status, &rc);
	assert_int_equal(rc, INVALID_PARAM);
}

static void test_buffer_messages_in_order(void **state)
{
	BUFFER_ID_TYPE id = new_buffer("b_order", 8, 3, FIFO);
	APEX_BYTE out[8];
	MESSAGE_SIZE_TYPE length;

	(void)state;
	SEND_BUFFER(id, (APEX_BYTE *)"one", 3, 0, &rc);
	SEND_BUFFER(id, (APEX_BYTE *)"second", 6, 0, &rc);
	SEND_BUFFER(id, (APEX_BYTE *)"3rd!!!!!", 8, 0, &rc);
	assert_int_equal(rc, NO_ERROR);
	RECEIVE_BUFFER(id, 0, out, &length, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(length, 3);
	assert_memory_equal(out, "one", 3);
	/* the ring wraps: a fourth message goes where the first was */
	SEND_BUFFER(id, (APEX_BYTE *)"four", 4, 0, &rc);
	assert_int_equal(rc, NO_ERROR);
	RECEIVE_BUFFER(id, 0, out, &length, &rc);
	assert_int_equal(length, 6);
	assert_memory_equal(out, "second", 6);
	RECEIVE_BUFFER(id, 0, out, &length, &rc);
	assert_int_equal(length, 8);
	assert_memory_equal(out, "3rd!!!!!", 8);
	RECEIVE_BUFFER(id, 0, out, &length, &rc);
	assert_int_equal(length, 4);
	assert_memory_equal(out, "four", 4);
	assert_int_equal(fake_waits, 0);
}

static void test_buffer_send_errors(void **state)
{
	BUFFER_ID_TYPE id = new_buffer("b_send", 4, 1, FIFO);
	BUFFER_STATUS_TYPE status;

	(void)state;
	SEND_BUFFER(0, (APEX_BYTE *)"x", 1, 0, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	SEND_BUFFER(id, (APEX_BYTE *)"xxxxx", 5, 0, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	SEND_BUFFER(id, (APEX_BYTE *)"x", 0, 0, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	SEND_BUFFER(id, (APEX_BYTE *)"x", 1, -2, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	SEND_BUFFER(id, (APEX_BYTE *)"full", 4, 0, &rc);
	assert_int_equal(rc, NO_ERROR);
	SEND_BUFFER(id, (APEX_BYTE *)"x", 1, 0, &rc);
	assert_int_equal(rc, NOT_AVAILABLE);
	fake_no_wait = true;
	SEND_BUFFER(id, (APEX_BYTE *)"x", 1, 5 * MS, &rc);
	assert_int_equal(rc, INVALID_MODE);
	fake_no_wait = false;
	fake_current = NULL;                        /* the initialization may not wait */
	SEND_BUFFER(id, (APEX_BYTE *)"x", 1, INFINITE_TIME_VALUE, &rc);
	assert_int_equal(rc, INVALID_MODE);
	fake_current = fake_process(1);
	assert_int_equal(fake_waits, 0);
	SEND_BUFFER(id, (APEX_BYTE *)"x", 1, 5 * MS, &rc);
	assert_int_equal(rc, TIMED_OUT);
	assert_int_equal(fake_last_timeout, 5 * MS);
	GET_BUFFER_STATUS(id, &status, &rc);
	assert_int_equal(status.NB_MESSAGE, 1);
	assert_int_equal(status.WAITING_PROCESSES, 0);
}

static void test_buffer_receive_errors(void **state)
{
	BUFFER_ID_TYPE id = new_buffer("b_recv", 4, 2, FIFO);
	APEX_BYTE out[4];
	MESSAGE_SIZE_TYPE length = 99;

	(void)state;
	RECEIVE_BUFFER(id + 50, 0, out, &length, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	RECEIVE_BUFFER(id, -7, out, &length, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	RECEIVE_BUFFER(id, 0, out, &length, &rc);
	assert_int_equal(rc, NOT_AVAILABLE);
	assert_int_equal(length, 0);
	fake_no_wait = true;
	RECEIVE_BUFFER(id, INFINITE_TIME_VALUE, out, &length, &rc);
	assert_int_equal(rc, INVALID_MODE);
	fake_no_wait = false;
	RECEIVE_BUFFER(id, INFINITE_TIME_VALUE, out, &length, &rc);
	assert_int_equal(rc, TIMED_OUT);
	assert_int_equal(fake_last_timeout, INFINITE_TIME_VALUE);
	assert_int_equal(length, 0);
}

static BUFFER_ID_TYPE script_buffer;
static BUFFER_STATUS_TYPE script_status;

static void send_as_2(void)
{
	RETURN_CODE_TYPE send_rc;

	fake_current = fake_process(2);
	GET_BUFFER_STATUS(script_buffer, &script_status, &send_rc);
	SEND_BUFFER(script_buffer, (APEX_BYTE *)"hand", 4, 0, &send_rc);
	assert_int_equal(send_rc, NO_ERROR);
}

static void test_buffer_blocked_receive_gets_the_next_message(void **state)
{
	BUFFER_ID_TYPE id = new_buffer("b_blocked_recv", 4, 2, FIFO);
	BUFFER_STATUS_TYPE status;
	APEX_BYTE out[4];
	MESSAGE_SIZE_TYPE length = 0;

	(void)state;
	script_buffer = id;
	fake_while_waiting = send_as_2;
	RECEIVE_BUFFER(id, 20 * MS, out, &length, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(script_status.WAITING_PROCESSES, 1);
	assert_int_equal(length, 4);
	assert_memory_equal(out, "hand", 4);
	/* it went straight to the receiver: nothing stays queued */
	GET_BUFFER_STATUS(id, &status, &rc);
	assert_int_equal(status.NB_MESSAGE, 0);
	assert_int_equal(status.WAITING_PROCESSES, 0);
}

static APEX_BYTE script_out[8];
static MESSAGE_SIZE_TYPE script_length;

static void receive_as_2(void)
{
	RETURN_CODE_TYPE receive_rc;

	fake_current = fake_process(2);
	RECEIVE_BUFFER(script_buffer, 0, script_out, &script_length, &receive_rc);
	assert_int_equal(receive_rc, NO_ERROR);
}

static void test_buffer_blocked_send_goes_in_when_room_is_made(void **state)
{
	BUFFER_ID_TYPE id = new_buffer("b_blocked_send", 8, 1, FIFO);
	BUFFER_STATUS_TYPE status;
	APEX_BYTE out[8];
	MESSAGE_SIZE_TYPE length;

	(void)state;
	SEND_BUFFER(id, (APEX_BYTE *)"first", 5, 0, &rc);
	script_buffer = id;
	fake_while_waiting = receive_as_2;
	SEND_BUFFER(id, (APEX_BYTE *)"second", 6, INFINITE_TIME_VALUE, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(script_length, 5);
	assert_memory_equal(script_out, "first", 5);
	GET_BUFFER_STATUS(id, &status, &rc);
	assert_int_equal(status.NB_MESSAGE, 1);
	assert_int_equal(status.WAITING_PROCESSES, 0);
	RECEIVE_BUFFER(id, 0, out, &length, &rc);
	assert_int_equal(length, 6);
	assert_memory_equal(out, "second", 6);
}

/* Receivers 1 (priority 10) then 2 (priority 20) wait; 3 sends "x" then "y". */
static APEX_BYTE out_2[4];
static MESSAGE_SIZE_TYPE length_2;
static RETURN_CODE_TYPE rc_2;

static void send_two_as_3(void)
{
	RETURN_CODE_TYPE send_rc;

	fake_current = fake_process(3);
	SEND_BUFFER(script_buffer, (APEX_BYTE *)"x", 1, 0, &send_rc);
	SEND_BUFFER(script_buffer, (APEX_BYTE *)"y", 1, 0, &send_rc);
}

static void receive_waiting_as_2(void)
{
	fake_current = fake_process(2);
	fake_while_waiting = send_two_as_3;
	RECEIVE_BUFFER(script_buffer, INFINITE_TIME_VALUE, out_2, &length_2, &rc_2);
}

static void receivers_in_order(QUEUING_DISCIPLINE_TYPE discipline, const char *name,
			       char first_for_1)
{
	APEX_BYTE out[4];
	MESSAGE_SIZE_TYPE length;

	script_buffer = new_buffer(name, 4, 2, discipline);
	fake_process(2)->priority = 20;
	fake_while_waiting = receive_waiting_as_2;
	RECEIVE_BUFFER(script_buffer, INFINITE_TIME_VALUE, out, &length, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(rc_2, NO_ERROR);
	assert_int_equal(out[0], first_for_1);
	assert_int_equal(out_2[0], first_for_1 == 'x' ? 'y' : 'x');
}

static void test_buffer_fifo_receivers_in_arrival_order(void **state)
{
	(void)state;
	receivers_in_order(FIFO, "b_fifo", 'x');
}

static void test_buffer_priority_receivers_by_priority(void **state)
{
	(void)state;
	receivers_in_order(PRIORITY, "b_priority", 'y');
}

/* ---- Blackboards ---- */

static BLACKBOARD_ID_TYPE new_blackboard(const char *name, MESSAGE_SIZE_TYPE size)
{
	BLACKBOARD_ID_TYPE id = 0;

	cold_start();
	CREATE_BLACKBOARD(N(name), size, &id, &rc);
	assert_int_equal(rc, NO_ERROR);
	normal_as(1);
	return id;
}

static void test_blackboard_create_errors(void **state)
{
	BLACKBOARD_ID_TYPE id = 77, found;

	(void)state;
	fake_reset(10);
	CREATE_BLACKBOARD(N("bb_mode"), 16, &id, &rc);
	assert_int_equal(rc, INVALID_MODE);
	cold_start();
	CREATE_BLACKBOARD(N("bb_size0"), 0, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	CREATE_BLACKBOARD(N("bb_size"), SYSTEM_LIMIT_MESSAGE_SIZE + 1, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	fake_alloc_left = 0;
	CREATE_BLACKBOARD(N("bb_memory"), 16, &id, &rc);
	assert_int_equal(rc, INVALID_CONFIG);
	fake_alloc_left = 1u << 20;
	assert_int_equal(id, 77);
	CREATE_BLACKBOARD(N("bb_ok"), 16, &id, &rc);
	assert_int_equal(rc, NO_ERROR);
	CREATE_BLACKBOARD(N("bb_ok"), 16, &found, &rc);
	assert_int_equal(rc, NO_ACTION);
	GET_BLACKBOARD_ID(N("bb_ok"), &found, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(found, id);
	GET_BLACKBOARD_ID(N("bb_none"), &found, &rc);
	assert_int_equal(rc, INVALID_CONFIG);
}

static void test_blackboard_display_read_clear(void **state)
{
	BLACKBOARD_ID_TYPE id = new_blackboard("bb_use", 8);
	BLACKBOARD_STATUS_TYPE status;
	APEX_BYTE out[8];
	MESSAGE_SIZE_TYPE length = 99;

	(void)state;
	GET_BLACKBOARD_STATUS(id, &status, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(status.EMPTY_INDICATOR, EMPTY);
	assert_int_equal(status.MAX_MESSAGE_SIZE, 8);
	READ_BLACKBOARD(id, 0, out, &length, &rc);
	assert_int_equal(rc, NOT_AVAILABLE);
	assert_int_equal(length, 0);
	DISPLAY_BLACKBOARD(id, (APEX_BYTE *)"shown", 5, &rc);
	assert_int_equal(rc, NO_ERROR);
	for (int i = 0; i < 2; i++) {           /* read any number of times */
		READ_BLACKBOARD(id, 0, out, &length, &rc);
		assert_int_equal(rc, NO_ERROR);
		assert_int_equal(length, 5);
		assert_memory_equal(out, "shown", 5);
	}
	DISPLAY_BLACKBOARD(id, (APEX_BYTE *)"new", 3, &rc);
	READ_BLACKBOARD(id, INFINITE_TIME_VALUE, out, &length, &rc);
	assert_int_equal(length, 3);
	assert_memory_equal(out, "new", 3);
	GET_BLACKBOARD_STATUS(id, &status, &rc);
	assert_int_equal(status.EMPTY_INDICATOR, OCCUPIED);
	CLEAR_BLACKBOARD(id, &rc);
	assert_int_equal(rc, NO_ERROR);
	GET_BLACKBOARD_STATUS(id, &status, &rc);
	assert_int_equal(status.EMPTY_INDICATOR, EMPTY);
	READ_BLACKBOARD(id, 3 * MS, out, &length, &rc);
	assert_int_equal(rc, TIMED_OUT);
	assert_int_equal(length, 0);
	assert_int_equal(fake_waits, 1);
}

static void test_blackboard_errors(void **state)
{
	BLACKBOARD_ID_TYPE id = new_blackboard("bb_errors", 4);
	BLACKBOARD_STATUS_TYPE status;
	APEX_BYTE out[4];
	MESSAGE_SIZE_TYPE length;

	(void)state;
	DISPLAY_BLACKBOARD(0, (APEX_BYTE *)"x", 1, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	DISPLAY_BLACKBOARD(id, (APEX_BYTE *)"xxxxx", 5, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	DISPLAY_BLACKBOARD(id, (APEX_BYTE *)"x", 0, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	READ_BLACKBOARD(id + 40, 0, out, &length, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	READ_BLACKBOARD(id, -3, out, &length, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	fake_no_wait = true;
	READ_BLACKBOARD(id, 1, out, &length, &rc);
	assert_int_equal(rc, INVALID_MODE);
	fake_no_wait = false;
	CLEAR_BLACKBOARD(-1, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	GET_BLACKBOARD_STATUS(id + 40, &status, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	assert_int_equal(fake_waits, 0);
}

/* Readers 1, 2 and 3 wait on an empty blackboard; 4 displays once. */
static BLACKBOARD_ID_TYPE script_blackboard;
static APEX_BYTE reader_out[4][8];
static MESSAGE_SIZE_TYPE reader_length[4];
static RETURN_CODE_TYPE reader_rc[4];
static BLACKBOARD_STATUS_TYPE before_display;

static void display_as_4(void)
{
	RETURN_CODE_TYPE display_rc;

	fake_current = fake_process(4);
	GET_BLACKBOARD_STATUS(script_blackboard, &before_display, &display_rc);
	DISPLAY_BLACKBOARD(script_blackboard, (APEX_BYTE *)"hello", 5, &display_rc);
	/* a later display reaches none of them: each has its message already */
	DISPLAY_BLACKBOARD(script_blackboard, (APEX_BYTE *)"later", 5, &display_rc);
}

static void read_as_3(void)
{
	fake_current = fake_process(3);
	fake_while_waiting = display_as_4;
	READ_BLACKBOARD(script_blackboard, INFINITE_TIME_VALUE, reader_out[3], &reader_length[3],
			&reader_rc[3]);
}

static void read_as_2(void)
{
	fake_current = fake_process(2);
	fake_while_waiting = read_as_3;
	READ_BLACKBOARD(script_blackboard, 50 * MS, reader_out[2], &reader_length[2],
			&reader_rc[2]);
}

static void test_blackboard_display_wakes_every_reader(void **state)
{
	BLACKBOARD_STATUS_TYPE status;

	(void)state;
	script_blackboard = new_blackboard("bb_readers", 8);
	fake_while_waiting = read_as_2;
	READ_BLACKBOARD(script_blackboard, INFINITE_TIME_VALUE, reader_out[1], &reader_length[1],
			&reader_rc[1]);
	assert_int_equal(before_display.WAITING_PROCESSES, 3);
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(reader_rc[i], NO_ERROR);
		assert_int_equal(reader_length[i], 5);
		assert_memory_equal(reader_out[i], "hello", 5);
	}
	GET_BLACKBOARD_STATUS(script_blackboard, &status, &rc);
	assert_int_equal(status.WAITING_PROCESSES, 0);
}

/* ---- Semaphores ---- */

static SEMAPHORE_ID_TYPE new_semaphore(const char *name, SEMAPHORE_VALUE_TYPE value,
				       SEMAPHORE_VALUE_TYPE max, QUEUING_DISCIPLINE_TYPE discipline)
{
	SEMAPHORE_ID_TYPE id = 0;

	cold_start();
	CREATE_SEMAPHORE(N(name), value, max, discipline, &id, &rc);
	assert_int_equal(rc, NO_ERROR);
	normal_as(1);
	return id;
}

static void test_semaphore_create_errors(void **state)
{
	SEMAPHORE_ID_TYPE id = 77, found;

	(void)state;
	fake_reset(10);
	CREATE_SEMAPHORE(N("s_mode"), 0, 1, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_MODE);
	cold_start();
	CREATE_SEMAPHORE(N("s_neg"), -1, 1, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	CREATE_SEMAPHORE(N("s_above"), 3, 2, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	CREATE_SEMAPHORE(N("s_max0"), 0, 0, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	CREATE_SEMAPHORE(N("s_max"), 0, MAX_SEMAPHORE_VALUE + 1, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	CREATE_SEMAPHORE(N("s_disc"), 0, 1, (QUEUING_DISCIPLINE_TYPE)-1, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	assert_int_equal(id, 77);
	CREATE_SEMAPHORE(N("s_ok"), MAX_SEMAPHORE_VALUE, MAX_SEMAPHORE_VALUE, PRIORITY, &id, &rc);
	assert_int_equal(rc, NO_ERROR);
	CREATE_SEMAPHORE(N("s_ok"), 0, 1, FIFO, &found, &rc);
	assert_int_equal(rc, NO_ACTION);
	GET_SEMAPHORE_ID(N("s_ok"), &found, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(found, id);
	GET_SEMAPHORE_ID(N("s_none"), &found, &rc);
	assert_int_equal(rc, INVALID_CONFIG);
}

static void test_semaphore_wait_and_signal(void **state)
{
	SEMAPHORE_ID_TYPE id = new_semaphore("s_use", 1, 2, FIFO);
	SEMAPHORE_STATUS_TYPE status;

	(void)state;
	WAIT_SEMAPHORE(id, 0, &rc);
	assert_int_equal(rc, NO_ERROR);
	GET_SEMAPHORE_STATUS(id, &status, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(status.CURRENT_VALUE, 0);
	assert_int_equal(status.MAXIMUM_VALUE, 2);
	assert_int_equal(status.WAITING_PROCESSES, 0);
	WAIT_SEMAPHORE(id, 0, &rc);
	assert_int_equal(rc, NOT_AVAILABLE);
	fake_no_wait = true;
	WAIT_SEMAPHORE(id, 1 * MS, &rc);
	assert_int_equal(rc, INVALID_MODE);
	fake_no_wait = false;
	WAIT_SEMAPHORE(id, 1 * MS, &rc);
	assert_int_equal(rc, TIMED_OUT);
	assert_int_equal(fake_waits, 1);
	SIGNAL_SEMAPHORE(id, &rc);
	SIGNAL_SEMAPHORE(id, &rc);
	assert_int_equal(rc, NO_ERROR);
	SIGNAL_SEMAPHORE(id, &rc);
	assert_int_equal(rc, NO_ACTION);
	GET_SEMAPHORE_STATUS(id, &status, &rc);
	assert_int_equal(status.CURRENT_VALUE, 2);
	WAIT_SEMAPHORE(0, 0, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	WAIT_SEMAPHORE(id, -2, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	SIGNAL_SEMAPHORE(id + 60, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	GET_SEMAPHORE_STATUS(id + 60, &status, &rc);
	assert_int_equal(rc, INVALID_PARAM);
}

/* Waiters 1 (priority 10) then 2 (priority 20); 3 signals once, then once more. */
static SEMAPHORE_ID_TYPE script_semaphore;
static bool woken_1_after_one_signal, woken_2_after_one_signal;
static SEMAPHORE_STATUS_TYPE after_one_signal;
static RETURN_CODE_TYPE waiter_2_rc;

static void signal_as_3(void)
{
	RETURN_CODE_TYPE signal_rc;

	fake_current = fake_process(3);
	SIGNAL_SEMAPHORE(script_semaphore, &signal_rc);
	woken_1_after_one_signal = fake_process(1)->woken;
	woken_2_after_one_signal = fake_process(2)->woken;
	GET_SEMAPHORE_STATUS(script_semaphore, &after_one_signal, &signal_rc);
	SIGNAL_SEMAPHORE(script_semaphore, &signal_rc);
}

static void wait_as_2(void)
{
	fake_current = fake_process(2);
	fake_while_waiting = signal_as_3;
	WAIT_SEMAPHORE(script_semaphore, INFINITE_TIME_VALUE, &waiter_2_rc);
}

static void semaphore_wake_order(QUEUING_DISCIPLINE_TYPE discipline, const char *name)
{
	SEMAPHORE_STATUS_TYPE status;

	script_semaphore = new_semaphore(name, 0, 5, discipline);
	fake_process(2)->priority = 20;
	fake_while_waiting = wait_as_2;
	WAIT_SEMAPHORE(script_semaphore, INFINITE_TIME_VALUE, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(waiter_2_rc, NO_ERROR);
	/* a signal with a waiter wakes it instead of counting */
	assert_int_equal(after_one_signal.CURRENT_VALUE, 0);
	assert_int_equal(after_one_signal.WAITING_PROCESSES, 1);
	GET_SEMAPHORE_STATUS(script_semaphore, &status, &rc);
	assert_int_equal(status.CURRENT_VALUE, 0);
	assert_int_equal(status.WAITING_PROCESSES, 0);
}

static void test_semaphore_fifo_wakes_the_first_to_wait(void **state)
{
	(void)state;
	semaphore_wake_order(FIFO, "s_fifo");
	assert_true(woken_1_after_one_signal);
	assert_false(woken_2_after_one_signal);
}

static void test_semaphore_priority_wakes_the_highest(void **state)
{
	(void)state;
	semaphore_wake_order(PRIORITY, "s_priority");
	assert_false(woken_1_after_one_signal);
	assert_true(woken_2_after_one_signal);
}

/* ---- Events ---- */

static EVENT_ID_TYPE new_event(const char *name)
{
	EVENT_ID_TYPE id = 0;

	cold_start();
	CREATE_EVENT(N(name), &id, &rc);
	assert_int_equal(rc, NO_ERROR);
	normal_as(1);
	return id;
}

static void test_event_create_errors(void **state)
{
	EVENT_ID_TYPE id = 77, found;

	(void)state;
	fake_reset(10);
	CREATE_EVENT(N("e_mode"), &id, &rc);
	assert_int_equal(rc, INVALID_MODE);
	assert_int_equal(id, 77);
	cold_start();
	CREATE_EVENT(N("e_ok"), &id, &rc);
	assert_int_equal(rc, NO_ERROR);
	CREATE_EVENT(N("e_ok"), &found, &rc);
	assert_int_equal(rc, NO_ACTION);
	GET_EVENT_ID(N("e_ok"), &found, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(found, id);
	GET_EVENT_ID(N("e_none"), &found, &rc);
	assert_int_equal(rc, INVALID_CONFIG);
}

static void test_event_set_reset_wait(void **state)
{
	EVENT_ID_TYPE id = new_event("e_use");
	EVENT_STATUS_TYPE status;

	(void)state;
	GET_EVENT_STATUS(id, &status, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(status.EVENT_STATE, DOWN);
	WAIT_EVENT(id, 0, &rc);
	assert_int_equal(rc, NOT_AVAILABLE);
	fake_no_wait = true;
	WAIT_EVENT(id, 2 * MS, &rc);
	assert_int_equal(rc, INVALID_MODE);
	fake_no_wait = false;
	WAIT_EVENT(id, 2 * MS, &rc);
	assert_int_equal(rc, TIMED_OUT);
	SET_EVENT(id, &rc);
	assert_int_equal(rc, NO_ERROR);
	GET_EVENT_STATUS(id, &status, &rc);
	assert_int_equal(status.EVENT_STATE, UP);
	/* UP: a wait passes at once, even one that may not wait */
	fake_no_wait = true;
	WAIT_EVENT(id, INFINITE_TIME_VALUE, &rc);
	assert_int_equal(rc, NO_ERROR);
	fake_no_wait = false;
	RESET_EVENT(id, &rc);
	assert_int_equal(rc, NO_ERROR);
	WAIT_EVENT(id, 0, &rc);
	assert_int_equal(rc, NOT_AVAILABLE);
	assert_int_equal(fake_waits, 1);
	SET_EVENT(0, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	RESET_EVENT(id + 9, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	WAIT_EVENT(id + 9, 0, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	WAIT_EVENT(id, -4, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	GET_EVENT_STATUS(id + 9, &status, &rc);
	assert_int_equal(rc, INVALID_PARAM);
}

/* Waiters 1, 2, 3; 4 sets the event once. */
static EVENT_ID_TYPE script_event;
static RETURN_CODE_TYPE event_rc[4];
static EVENT_STATUS_TYPE before_set;

static void set_as_4(void)
{
	RETURN_CODE_TYPE set_rc;

	fake_current = fake_process(4);
	GET_EVENT_STATUS(script_event, &before_set, &set_rc);
	SET_EVENT(script_event, &set_rc);
}

static void wait_event_as_3(void)
{
	fake_current = fake_process(3);
	fake_while_waiting = set_as_4;
	WAIT_EVENT(script_event, 9 * MS, &event_rc[3]);
}

static void wait_event_as_2(void)
{
	fake_current = fake_process(2);
	fake_while_waiting = wait_event_as_3;
	WAIT_EVENT(script_event, INFINITE_TIME_VALUE, &event_rc[2]);
}

static void test_event_set_wakes_every_waiter(void **state)
{
	EVENT_STATUS_TYPE status;

	(void)state;
	script_event = new_event("e_waiters");
	fake_while_waiting = wait_event_as_2;
	WAIT_EVENT(script_event, INFINITE_TIME_VALUE, &event_rc[1]);
	assert_int_equal(before_set.WAITING_PROCESSES, 3);
	for (int i = 1; i <= 3; i++)
		assert_int_equal(event_rc[i], NO_ERROR);
	GET_EVENT_STATUS(script_event, &status, &rc);
	assert_int_equal(status.WAITING_PROCESSES, 0);
	assert_int_equal(status.EVENT_STATE, UP);
}

/* ---- Mutexes ---- */

static MUTEX_ID_TYPE new_mutex(const char *name, PRIORITY_TYPE priority,
			       QUEUING_DISCIPLINE_TYPE discipline)
{
	MUTEX_ID_TYPE id = 0;

	cold_start();
	CREATE_MUTEX(N(name), priority, discipline, &id, &rc);
	assert_int_equal(rc, NO_ERROR);
	normal_as(1);
	return id;
}

static void test_mutex_create_errors(void **state)
{
	MUTEX_ID_TYPE id = 77, found;

	(void)state;
	fake_reset(10);
	CREATE_MUTEX(N("m_mode"), 50, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_MODE);
	cold_start();
	CREATE_MUTEX(N("m_low"), MIN_PRIORITY_VALUE - 1, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	CREATE_MUTEX(N("m_high"), MAX_PRIORITY_VALUE + 1, FIFO, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	CREATE_MUTEX(N("m_disc"), 50, (QUEUING_DISCIPLINE_TYPE)3, &id, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	assert_int_equal(id, 77);
	CREATE_MUTEX(N("m_ok"), MAX_PRIORITY_VALUE, PRIORITY, &id, &rc);
	assert_int_equal(rc, NO_ERROR);
	CREATE_MUTEX(N("m_ok"), 50, FIFO, &found, &rc);
	assert_int_equal(rc, NO_ACTION);
	GET_MUTEX_ID(N("m_ok"), &found, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(found, id);
	GET_MUTEX_ID(N("m_none"), &found, &rc);
	assert_int_equal(rc, INVALID_CONFIG);
}

static void test_mutex_owner_runs_at_its_priority(void **state)
{
	MUTEX_ID_TYPE id = new_mutex("m_use", 50, FIFO);
	MUTEX_STATUS_TYPE status;
	MUTEX_ID_TYPE held = 0;

	(void)state;
	GET_MUTEX_STATUS(id, &status, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(status.MUTEX_STATE, AVAILABLE);
	assert_int_equal(status.MUTEX_OWNER, NULL_PROCESS_ID);
	assert_int_equal(status.MUTEX_PRIORITY, 50);
	ACQUIRE_MUTEX(id, 0, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(fake_process(1)->priority, 50);
	assert_int_equal(fake_process(1)->mutexes, 1);
	ACQUIRE_MUTEX(id, INFINITE_TIME_VALUE, &rc);          /* again: counted, no wait */
	assert_int_equal(rc, NO_ERROR);
	GET_MUTEX_STATUS(id, &status, &rc);
	assert_int_equal(status.MUTEX_STATE, OWNED);
	assert_int_equal(status.MUTEX_OWNER, 1);
	assert_int_equal(status.LOCK_COUNT, 2);
	assert_int_equal(fake_process(1)->mutexes, 1);
	GET_PROCESS_MUTEX_STATE(1, &held, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(held, id);
	GET_PROCESS_MUTEX_STATE(2, &held, &rc);
	assert_int_equal(held, NO_MUTEX_OWNED);
	RELEASE_MUTEX(id, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(fake_process(1)->priority, 50);
	RELEASE_MUTEX(id, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(fake_process(1)->priority, 10);
	assert_int_equal(fake_process(1)->mutexes, 0);
	GET_MUTEX_STATUS(id, &status, &rc);
	assert_int_equal(status.MUTEX_STATE, AVAILABLE);
	assert_int_equal(status.LOCK_COUNT, 0);
	RELEASE_MUTEX(id, &rc);
	assert_int_equal(rc, INVALID_MODE);
	assert_int_equal(fake_waits, 0);
}

static void test_mutex_errors(void **state)
{
	MUTEX_ID_TYPE id = new_mutex("m_errors", 50, FIFO);
	MUTEX_ID_TYPE other = new_mutex("m_other", 60, FIFO);
	MUTEX_STATUS_TYPE status;
	MUTEX_ID_TYPE held;

	(void)state;
	ACQUIRE_MUTEX(0, 0, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	ACQUIRE_MUTEX(PREEMPTION_LOCK_MUTEX, 0, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	ACQUIRE_MUTEX(id, -2, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	RELEASE_MUTEX(id + 30, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	GET_MUTEX_STATUS(id + 30, &status, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	GET_PROCESS_MUTEX_STATE(FAKE_PROCESSES + 1, &held, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	fake_process(1)->priority = 51;                         /* above the mutex's */
	ACQUIRE_MUTEX(id, 0, &rc);
	assert_int_equal(rc, INVALID_CONFIG);
	fake_process(1)->priority = 10;
	fake_no_wait = true;                                    /* e.g. the error handler */
	ACQUIRE_MUTEX(id, 0, &rc);
	assert_int_equal(rc, INVALID_MODE);
	fake_no_wait = false;
	fake_current = NULL;
	ACQUIRE_MUTEX(id, 0, &rc);
	assert_int_equal(rc, INVALID_MODE);
	fake_current = fake_process(1);
	ACQUIRE_MUTEX(id, 0, &rc);
	assert_int_equal(rc, NO_ERROR);
	ACQUIRE_MUTEX(other, 0, &rc);                           /* one mutex at a time */
	assert_int_equal(rc, INVALID_MODE);
	for (int level = 2; level <= MAX_LOCK_LEVEL; level++) {
		ACQUIRE_MUTEX(id, 0, &rc);
		assert_int_equal(rc, NO_ERROR);
	}
	ACQUIRE_MUTEX(id, 0, &rc);
	assert_int_equal(rc, INVALID_CONFIG);
	GET_MUTEX_STATUS(id, &status, &rc);
	assert_int_equal(status.LOCK_COUNT, MAX_LOCK_LEVEL);
	/* another process: the mutex is owned */
	fake_current = fake_process(2);
	ACQUIRE_MUTEX(id, 0, &rc);
	assert_int_equal(rc, NOT_AVAILABLE);
	ACQUIRE_MUTEX(id, 4 * MS, &rc);
	assert_int_equal(rc, TIMED_OUT);
	assert_int_equal(fake_process(2)->priority, 10);
	RELEASE_MUTEX(id, &rc);
	assert_int_equal(rc, INVALID_MODE);
	GET_MUTEX_STATUS(id, &status, &rc);
	assert_int_equal(status.MUTEX_OWNER, 1);
	assert_int_equal(status.WAITING_PROCESSES, 0);
	/* the preemption lock's holder is said to hold PREEMPTION_LOCK_MUTEX */
	fake_current = fake_process(3);
	fake_lock_level = 1;
	GET_PROCESS_MUTEX_STATE(3, &held, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(held, PREEMPTION_LOCK_MUTEX);
	GET_PROCESS_MUTEX_STATE(1, &held, &rc);
	assert_int_equal(held, id);
	/* objects outlive a test: leave process 1 owning nothing */
	RESET_MUTEX(id, 1, &rc);
	assert_int_equal(rc, NO_ERROR);
}

/* 1 owns the mutex; 2 (priority 20) waits for it; 1 releases while 2 waits. */
static MUTEX_ID_TYPE script_mutex;
static MUTEX_STATUS_TYPE while_2_waits;

static void release_as_1(void)
{
	RETURN_CODE_TYPE release_rc;

	fake_current = fake_process(1);
	GET_MUTEX_STATUS(script_mutex, &while_2_waits, &release_rc);
	RELEASE_MUTEX(script_mutex, &release_rc);
	assert_int_equal(release_rc, NO_ERROR);
}

static void test_mutex_goes_to_its_waiter(void **state)
{
	MUTEX_STATUS_TYPE status;

	(void)state;
	script_mutex = new_mutex("m_handover", 100, PRIORITY);
	ACQUIRE_MUTEX(script_mutex, 0, &rc);
	fake_current = fake_process(2);
	fake_process(2)->priority = fake_process(2)->base = 20;
	fake_while_waiting = release_as_1;
	ACQUIRE_MUTEX(script_mutex, INFINITE_TIME_VALUE, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(while_2_waits.WAITING_PROCESSES, 1);
	assert_int_equal(fake_process(1)->priority, 10);
	assert_int_equal(fake_process(1)->mutexes, 0);
	assert_int_equal(fake_process(2)->priority, 100);
	assert_int_equal(fake_process(2)->mutexes, 1);
	GET_MUTEX_STATUS(script_mutex, &status, &rc);
	assert_int_equal(status.MUTEX_OWNER, 2);
	assert_int_equal(status.LOCK_COUNT, 1);
	RELEASE_MUTEX(script_mutex, &rc);
	assert_int_equal(fake_process(2)->priority, 20);
}

static void test_mutex_reset(void **state)
{
	MUTEX_ID_TYPE id = new_mutex("m_reset", 70, FIFO);
	MUTEX_STATUS_TYPE status;

	(void)state;
	ACQUIRE_MUTEX(id, 0, &rc);
	ACQUIRE_MUTEX(id, 0, &rc);
	fake_current = fake_process(5);              /* e.g. the error handler, for faulted 1 */
	RESET_MUTEX(id, 2, &rc);
	assert_int_equal(rc, INVALID_MODE);
	RESET_MUTEX(id, 0, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	RESET_MUTEX(id + 30, 1, &rc);
	assert_int_equal(rc, INVALID_PARAM);
	RESET_MUTEX(id, 1, &rc);
	assert_int_equal(rc, NO_ERROR);
	GET_MUTEX_STATUS(id, &status, &rc);
	assert_int_equal(status.MUTEX_STATE, AVAILABLE);
	assert_int_equal(status.LOCK_COUNT, 0);
	assert_int_equal(fake_process(1)->priority, 10);
	assert_int_equal(fake_process(1)->mutexes, 0);
}

/* 1 owns the mutex; 2 waits; the core stops 1 while 2 waits. */
static void stop_1(void)
{
	apex_lock();
	apex_mutexes_release(fake_process(1));
	apex_unlock();
}

static void test_mutex_of_a_stopped_process_goes_on(void **state)
{
	MUTEX_STATUS_TYPE status;

	(void)state;
	script_mutex = new_mutex("m_stop", 90, FIFO);
	ACQUIRE_MUTEX(script_mutex, 0, &rc);
	ACQUIRE_MUTEX(script_mutex, 0, &rc);
	fake_current = fake_process(2);
	fake_while_waiting = stop_1;
	ACQUIRE_MUTEX(script_mutex, 7 * MS, &rc);
	assert_int_equal(rc, NO_ERROR);
	assert_int_equal(fake_process(1)->mutexes, 0);
	GET_MUTEX_STATUS(script_mutex, &status, &rc);
	assert_int_equal(status.MUTEX_OWNER, 2);
	assert_int_equal(status.LOCK_COUNT, 1);
	/* a process that holds none loses nothing */
	apex_lock();
	apex_mutexes_release(fake_process(3));
	apex_unlock();
	GET_MUTEX_STATUS(script_mutex, &status, &rc);
	assert_int_equal(status.MUTEX_OWNER, 2);
}

/* ---- The limits: each table fills to its SYSTEM_LIMIT, then INVALID_CONFIG ---- */

typedef void create_fn(int i, APEX_INTEGER *id, RETURN_CODE_TYPE *rc);

static void fill(create_fn *create, APEX_INTEGER limit)
{
	APEX_INTEGER id = 0, last = 0;
	RETURN_CODE_TYPE create_rc = NO_ERROR;

	cold_start();
	for (int i = 0; create_rc == NO_ERROR && i <= limit; i++) {
		create(i, &id, &create_rc);
		if (create_rc == NO_ERROR)
			last = id;
	}
	assert_int_equal(create_rc, INVALID_CONFIG);
	/* the earlier tests made the first ones: the last to fit is number `limit` */
	assert_int_equal(last, limit);
	/* full comes before a name that exists */
	create(0, &id, &create_rc);
	assert_int_equal(create_rc, INVALID_CONFIG);
}

static char *fill_name(const char *prefix, int i)
{
	char text[MAX_NAME_LENGTH];

	snprintf(text, sizeof(text), "%s%d", prefix, i);
	return N(text);
}

#define FILL_TEST(object, limit, ...)                                                   \
	static void create_##object(int i, APEX_INTEGER *id, RETURN_CODE_TYPE *create_rc) \
	{                                                                               \
		__VA_ARGS__;                                                            \
	}                                                                               \
	static void test_##object##_limit(void **state)                                 \
	{                                                                               \
		(void)state;                                                            \
		fill(create_##object, limit);                                           \
	}

FILL_TEST(buffer, MAX_NUMBER_OF_BUFFERS,
	  CREATE_BUFFER(fill_name("fb", i), 4, 1, FIFO, id, create_rc))
FILL_TEST(blackboard, MAX_NUMBER_OF_BLACKBOARDS,
	  CREATE_BLACKBOARD(fill_name("fbb", i), 4, id, create_rc))
FILL_TEST(semaphore, MAX_NUMBER_OF_SEMAPHORES,
	  CREATE_SEMAPHORE(fill_name("fs", i), 0, 1, FIFO, id, create_rc))
FILL_TEST(event, MAX_NUMBER_OF_EVENTS, CREATE_EVENT(fill_name("fe", i), id, create_rc))
FILL_TEST(mutex, MAX_NUMBER_OF_MUTEXES,
	  CREATE_MUTEX(fill_name("fm", i), 50, FIFO, id, create_rc))

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buffer_create_errors),
		cmocka_unit_test(test_buffer_id_and_status),
		cmocka_unit_test(test_buffer_messages_in_order),
		cmocka_unit_test(test_buffer_send_errors),
		cmocka_unit_test(test_buffer_receive_errors),
		cmocka_unit_test(test_buffer_blocked_receive_gets_the_next_message),
		cmocka_unit_test(test_buffer_blocked_send_goes_in_when_room_is_made),
		cmocka_unit_test(test_buffer_fifo_receivers_in_arrival_order),
		cmocka_unit_test(test_buffer_priority_receivers_by_priority),
		cmocka_unit_test(test_blackboard_create_errors),
		cmocka_unit_test(test_blackboard_display_read_clear),
		cmocka_unit_test(test_blackboard_errors),
		cmocka_unit_test(test_blackboard_display_wakes_every_reader),
		cmocka_unit_test(test_semaphore_create_errors),
		cmocka_unit_test(test_semaphore_wait_and_signal),
		cmocka_unit_test(test_semaphore_fifo_wakes_the_first_to_wait),
		cmocka_unit_test(test_semaphore_priority_wakes_the_highest),
		cmocka_unit_test(test_event_create_errors),
		cmocka_unit_test(test_event_set_reset_wait),
		cmocka_unit_test(test_event_set_wakes_every_waiter),
		cmocka_unit_test(test_mutex_create_errors),
		cmocka_unit_test(test_mutex_owner_runs_at_its_priority),
		cmocka_unit_test(test_mutex_errors),
		cmocka_unit_test(test_mutex_goes_to_its_waiter),
		cmocka_unit_test(test_mutex_reset),
		cmocka_unit_test(test_mutex_of_a_stopped_process_goes_on),
		cmocka_unit_test(test_buffer_limit),
		cmocka_unit_test(test_blackboard_limit),
		cmocka_unit_test(test_semaphore_limit),
		cmocka_unit_test(test_event_limit),
		cmocka_unit_test(test_mutex_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
