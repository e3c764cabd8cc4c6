/*
 * apex_demo's display partition: it shows the telemetry the control partition sends, and runs
 * a built-in test that has a bug.
 *   display  on demand, priority 20: receives each message on the queuing port "telemetry"
 *            and prints it as one line;
 *   bit      every 100 ms, priority 10: the built-in test checks a table of display gains; its
 *            third run divides by a zero entry;
 *   the error handler (CREATE_ERROR_HANDLER) takes that NUMERIC_ERROR, says what happened,
 *            and stops the faulty process: the display goes on.
 */
#include "../apex_demo.h"

static QUEUING_PORT_ID_TYPE telemetry_port;

static void display(void)
{
	struct telemetry t;
	MESSAGE_SIZE_TYPE length;
	RETURN_CODE_TYPE rc;

	for (;;) {
		RECEIVE_QUEUING_MESSAGE(telemetry_port, MS_TIME(100), (MESSAGE_ADDR_TYPE)&t, &length,
					&rc);
		if (rc == TIMED_OUT) {
			printf("display: no telemetry for 100 ms\n");
			continue;
		}
		if (rc != NO_ERROR)
			continue;
		printf("display: t=%3lld ms  altitude %5ld ft  airspeed %ld kt  pitch %c%ld.%ld deg\n",
		       t.time / 1000000, (long)t.altitude_ft, (long)t.airspeed_kt,
		       t.pitch_tenths < 0 ? '-' : '+',
		       (long)(t.pitch_tenths < 0 ? -t.pitch_tenths : t.pitch_tenths) / 10,
		       (long)(t.pitch_tenths < 0 ? -t.pitch_tenths : t.pitch_tenths) % 10);
	}
}

/* the display gains the built-in test checks; the third is missing (the bug) */
static volatile APEX_INTEGER gains[] = { 4, 2, 0, 1 };

static void bit(void)
{
	RETURN_CODE_TYPE rc;

	for (APEX_INTEGER run = 0;; run++) {
		APEX_INTEGER scaled = 1000 / gains[run % 4];

		printf("bit: built-in test %ld passed (gain check %ld)\n", (long)run + 1, (long)scaled);
		PERIODIC_WAIT(&rc);
	}
}

static const char *error_name(ERROR_CODE_TYPE code)
{
	static const char *const names[] = {
		"DEADLINE_MISSED", "APPLICATION_ERROR", "NUMERIC_ERROR", "ILLEGAL_REQUEST",
		"STACK_OVERFLOW", "MEMORY_VIOLATION", "HARDWARE_FAULT", "POWER_FAIL",
	};

	return (unsigned)code <= POWER_FAIL ? names[code] : "an unknown error";
}

static void error_handler(void)
{
	ERROR_STATUS_TYPE error;
	PROCESS_STATUS_TYPE process;
	RETURN_CODE_TYPE rc;

	for (;;) {
		GET_ERROR_STATUS(&error, &rc);
		if (rc != NO_ERROR)
			break;   /* NO_ACTION: every error is dealt with */
		GET_PROCESS_STATUS(error.FAILED_PROCESS_ID, &process, &rc);
		printf("error handler: process %.30s raised %s at %p: stopping it, the display goes "
		       "on\n", rc == NO_ERROR ? process.ATTRIBUTES.NAME : "?",
		       error_name(error.ERROR_CODE), error.FAILED_ADDRESS);
		STOP(error.FAILED_PROCESS_ID, &rc);
	}
	STOP_SELF();
}

int main(void)
{
	RETURN_CODE_TYPE rc, failed = NO_ERROR;

	CREATE_QUEUING_PORT(NAME("telemetry"), sizeof(struct telemetry), 8, DESTINATION, FIFO,
			    &telemetry_port, &rc);
	failed = failed ? failed : rc;
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, 8192, &rc);
	failed = failed ? failed : rc;
	failed = failed ? failed : demo_start(NAME("display"), display, INFINITE_TIME_VALUE, 20);
	failed = failed ? failed : demo_start(NAME("bit"), bit, MS_TIME(100), 10);
	if (failed != NO_ERROR) {
		printf("initialization failed (%d)\n", (int)failed);
		return 0;
	}
	printf("display: shows each telemetry message; built-in test every 100 ms\n");
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
