/*
 * A flight-control partition written as a third party writes an ARINC 653 application, from
 * the standard and its C binding only (tests/suites/test_apex_thirdparty.py): per-service
 * headers, <stdio.h> and <string.h>, `void main(void)`, attributes filled field by field with
 * strcpy, two periodic processes, a HARD deadline that is missed, an application error, and the
 * usual error handler that loops on GET_ERROR_STATUS. Mistakes are made on purpose and their
 * return codes printed; the test holds them against the standard.
 */
#include <stdio.h>
#include <string.h>
#include <apex_types.h>
#include <apex_process.h>
#include <apex_partition.h>
#include <apex_time.h>
#include <apex_error.h>

#define MILLISECOND 1000000LL
#define FAST_PERIOD (10 * MILLISECOND)
#define SLOW_PERIOD (20 * MILLISECOND)
#define RUNS 8

static PROCESS_ID_TYPE fast_pid, slow_pid, overrun_pid, bit_pid;

static void report(const char *what, RETURN_CODE_TYPE ret)
{
	printf("%s: %d\n", what, (int)ret);
}

static void fast_control(void)
{
	RETURN_CODE_TYPE ret;
	SYSTEM_TIME_TYPE now;
	PROCESS_ID_TYPE me;
	PROCESS_STATUS_TYPE status;
	PROCESS_ATTRIBUTE_TYPE late;
	int run;

	for (run = 0;; run++) {
		GET_TIME(&now, &ret);
		if (run < RUNS)
			printf("FAST CONTROL release %d at %lld\n", run, now);
		if (run == 0) {
			GET_MY_ID(&me, &ret);
			printf("GET_MY_ID is FAST CONTROL: %s\n", me == fast_pid ? "yes" : "no");
			GET_PROCESS_STATUS(me, &status, &ret);
			printf("own state %d priority %ld period %lld deadline after release %lld\n",
			       (int)status.PROCESS_STATE, status.CURRENT_PRIORITY,
			       status.ATTRIBUTES.PERIOD, status.DEADLINE_TIME - now);

			/* a second creation after NORMAL */
			memset(&late, 0, sizeof(late));
			strcpy(late.NAME, "LATE");
			late.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)fast_control;
			late.STACK_SIZE = 4096;
			late.BASE_PRIORITY = 10;
			late.PERIOD = INFINITE_TIME_VALUE;
			late.TIME_CAPACITY = INFINITE_TIME_VALUE;
			late.DEADLINE = SOFT;
			CREATE_PROCESS(&late, &me, &ret);
			report("CREATE_PROCESS in NORMAL", ret);
			SET_PARTITION_MODE(NORMAL, &ret);
			report("SET_PARTITION_MODE NORMAL again", ret);
		}
		if (run == 5) {
			/* OVERRUN stopped by the error handler, BIT returned from its entry point */
			GET_PROCESS_STATUS(overrun_pid, &status, &ret);
			printf("OVERRUN state %d\n", (int)status.PROCESS_STATE);
			GET_PROCESS_STATUS(bit_pid, &status, &ret);
			printf("BIT state %d\n", (int)status.PROCESS_STATE);
			START(overrun_pid, &ret);
			report("START OVERRUN again", ret);
		}
		PERIODIC_WAIT(&ret);
	}
}

static void slow_monitor(void)
{
	RETURN_CODE_TYPE ret, clock_ret;
	SYSTEM_TIME_TYPE before, after;
	PARTITION_STATUS_TYPE partition;
	int run;

	for (run = 0;; run++) {
		GET_TIME(&before, &ret);
		if (run < RUNS / 2)
			printf("SLOW MONITOR release %d at %lld\n", run, before);
		if (run == 0) {
			GET_PARTITION_STATUS(&partition, &ret);
			printf("partition mode %d period %lld duration %lld\n",
			       (int)partition.OPERATING_MODE, partition.PERIOD, partition.DURATION);
			TIMED_WAIT(1 * MILLISECOND, &ret);
			GET_TIME(&after, &clock_ret);
			printf("TIMED_WAIT 1 ms: %d, waited at least 1 ms: %s\n", (int)ret,
			       after - before >= 1 * MILLISECOND ? "yes" : "no");
			REPLENISH(5 * MILLISECOND, &ret);
			report("REPLENISH 5 ms", ret);
			REPLENISH(3 * SLOW_PERIOD, &ret);
			report("REPLENISH past the next release", ret);
			TIMED_WAIT(-5, &ret);
			report("TIMED_WAIT negative", ret);
		}
		PERIODIC_WAIT(&ret);
	}
}

/* runs past its 2 ms HARD deadline on its second release */
static void overrun(void)
{
	RETURN_CODE_TYPE ret;
	SYSTEM_TIME_TYPE start, now;
	int run;

	for (run = 0;; run++) {
		printf("OVERRUN release %d\n", run);
		if (run == 1) {
			GET_TIME(&start, &ret);
			do
				GET_TIME(&now, &ret);
			while (now - start < 6 * MILLISECOND);
			printf("OVERRUN still running after its deadline\n");
		}
		PERIODIC_WAIT(&ret);
	}
}

static void built_in_test(void)
{
	RETURN_CODE_TYPE ret;
	char message[] = "BIT: sensor out of range";

	printf("BIT raises an application error\n");
	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)message,
				(ERROR_MESSAGE_SIZE_TYPE)strlen(message), &ret);
	printf("BIT goes on after the error handler: %d\n", (int)ret);
	RAISE_APPLICATION_ERROR(DEADLINE_MISSED, (MESSAGE_ADDR_TYPE)message, 4, &ret);
	report("RAISE_APPLICATION_ERROR with a code not APPLICATION_ERROR", ret);
	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)message,
				MAX_ERROR_MESSAGE_SIZE + 1, &ret);
	report("RAISE_APPLICATION_ERROR too long", ret);
}

static void error_handler(void)
{
	ERROR_STATUS_TYPE error;
	RETURN_CODE_TYPE ret;
	PROCESS_STATUS_TYPE status;
	char text[64];

	for (;;) {
		GET_ERROR_STATUS(&error, &ret);
		if (ret != NO_ERROR)
			break;
		GET_PROCESS_STATUS(error.FAILED_PROCESS_ID, &status, &ret);
		printf("error handler: code %d from process '%s' (%s deadline)\n",
		       (int)error.ERROR_CODE, status.ATTRIBUTES.NAME,
		       status.ATTRIBUTES.DEADLINE == HARD ? "HARD" : "SOFT");
		switch (error.ERROR_CODE) {
		case DEADLINE_MISSED:
			STOP(error.FAILED_PROCESS_ID, &ret);
			report("error handler STOP", ret);
			break;
		case APPLICATION_ERROR:
			sprintf(text, "handled: %.*s", (int)error.LENGTH, (char *)error.MESSAGE);
			REPORT_APPLICATION_MESSAGE((MESSAGE_ADDR_TYPE)text,
						   (MESSAGE_SIZE_TYPE)strlen(text), &ret);
			break;
		default:
			STOP(error.FAILED_PROCESS_ID, &ret);
			break;
		}
	}
	printf("error handler: no more errors (%d)\n", (int)ret);
	STOP_SELF();
}

static void create(const char *name, void (*entry)(void), PRIORITY_TYPE priority,
		   SYSTEM_TIME_TYPE period, SYSTEM_TIME_TYPE capacity, DEADLINE_TYPE deadline,
		   PROCESS_ID_TYPE *pid)
{
	PROCESS_ATTRIBUTE_TYPE attributes;
	RETURN_CODE_TYPE ret;

	memset(&attributes, 0, sizeof(attributes));
	strcpy(attributes.NAME, name);
	attributes.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry;
	attributes.STACK_SIZE = 8192;
	attributes.BASE_PRIORITY = priority;
	attributes.PERIOD = period;
	attributes.TIME_CAPACITY = capacity;
	attributes.DEADLINE = deadline;
	CREATE_PROCESS(&attributes, pid, &ret);
	printf("CREATE_PROCESS %s: %d\n", name, (int)ret);
	START(*pid, &ret);
	printf("START %s: %d\n", name, (int)ret);
}

void main(void)
{
	RETURN_CODE_TYPE ret;
	PROCESS_ATTRIBUTE_TYPE attributes;
	PROCESS_ID_TYPE pid, found;
	PARTITION_STATUS_TYPE partition;
	PROCESS_NAME_TYPE long_name;

	printf("flight control: hello from the initialization\n");
	GET_PARTITION_STATUS(&partition, &ret);
	printf("partition mode %d start condition %d\n", (int)partition.OPERATING_MODE,
	       (int)partition.START_CONDITION);

	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, 8192, &ret);
	report("CREATE_ERROR_HANDLER", ret);
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, 8192, &ret);
	report("CREATE_ERROR_HANDLER again", ret);

	create("FAST CONTROL", fast_control, 20, FAST_PERIOD, FAST_PERIOD, SOFT, &fast_pid);
	create("SLOW MONITOR", slow_monitor, 10, SLOW_PERIOD, SLOW_PERIOD, SOFT, &slow_pid);
	create("OVERRUN", overrun, 5, SLOW_PERIOD, 2 * MILLISECOND, HARD, &overrun_pid);
	create("BIT", built_in_test, 15, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE, SOFT, &bit_pid);

	/* the mistakes */
	memset(&attributes, 0, sizeof(attributes));
	strcpy(attributes.NAME, "FAST CONTROL");
	attributes.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)fast_control;
	attributes.STACK_SIZE = 4096;
	attributes.BASE_PRIORITY = 20;
	attributes.PERIOD = FAST_PERIOD;
	attributes.TIME_CAPACITY = FAST_PERIOD;
	attributes.DEADLINE = SOFT;
	CREATE_PROCESS(&attributes, &pid, &ret);
	report("CREATE_PROCESS same name", ret);
	strcpy(attributes.NAME, "BAD PRIORITY");
	attributes.BASE_PRIORITY = MIN_PRIORITY_VALUE - 1;
	CREATE_PROCESS(&attributes, &pid, &ret);
	report("CREATE_PROCESS priority below MIN_PRIORITY_VALUE", ret);
	attributes.BASE_PRIORITY = MAX_PRIORITY_VALUE + 1;
	CREATE_PROCESS(&attributes, &pid, &ret);
	report("CREATE_PROCESS priority above MAX_PRIORITY_VALUE", ret);
	strcpy(attributes.NAME, "BAD CAPACITY");
	attributes.BASE_PRIORITY = 20;
	attributes.TIME_CAPACITY = 2 * FAST_PERIOD;
	CREATE_PROCESS(&attributes, &pid, &ret);
	report("CREATE_PROCESS capacity above period", ret);
	strcpy(attributes.NAME, "BAD PERIOD");
	attributes.TIME_CAPACITY = INFINITE_TIME_VALUE;
	attributes.PERIOD = 0;
	CREATE_PROCESS(&attributes, &pid, &ret);
	report("CREATE_PROCESS period 0", ret);
	attributes.PERIOD = -2 * FAST_PERIOD;
	CREATE_PROCESS(&attributes, &pid, &ret);
	report("CREATE_PROCESS negative period", ret);
	START(fast_pid, &ret);
	report("START started process", ret);
	START(4242, &ret);
	report("START unknown id", ret);
	GET_PROCESS_ID("NO SUCH PROCESS", &pid, &ret);
	report("GET_PROCESS_ID unknown name", ret);
	GET_PROCESS_ID("SLOW MONITOR", &pid, &ret);
	printf("GET_PROCESS_ID SLOW MONITOR: %d, same id: %s\n", (int)ret,
	       pid == slow_pid ? "yes" : "no");
	SET_PARTITION_MODE(WARM_START, &ret);
	report("SET_PARTITION_MODE WARM_START from COLD_START", ret);

	/* a name of all MAX_NAME_LENGTH characters, no NUL: strncpy truncates */
	strncpy(attributes.NAME, "A_PROCESS_NAME_OF_MORE_THAN_THIRTY_CHARACTERS", MAX_NAME_LENGTH);
	attributes.TIME_CAPACITY = FAST_PERIOD;
	attributes.PERIOD = FAST_PERIOD;
	attributes.BASE_PRIORITY = 1;
	CREATE_PROCESS(&attributes, &pid, &ret);
	report("CREATE_PROCESS 30-character name", ret);
	memcpy(long_name, attributes.NAME, sizeof(long_name));
	GET_PROCESS_ID(long_name, &found, &ret);
	printf("GET_PROCESS_ID 30-character name: %d, same id: %s\n", (int)ret,
	       found == pid ? "yes" : "no");

	printf("flight control: entering NORMAL\n");
	SET_PARTITION_MODE(NORMAL, &ret);
	report("SET_PARTITION_MODE returned", ret);
}
