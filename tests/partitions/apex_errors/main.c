/*
 * The APEX layer's health-monitoring services (apex/error.c): their return codes in the
 * initialization and in NORMAL mode, one `check <name>: ok` (or `FAILED got X want Y`) line each,
 * and the process-level error handler taking, one after another, a divide error, a page fault, an
 * invalid opcode, a stack overflow, a HARD deadline missed and an application error, each from
 * its own process, while a counter process of low priority goes on. Faults reach the layer
 * because the deployment hands them over (hm_deliver).
 */
#include "../apex_check.h"
#include "../recurse.h"

#define US 1000ll
#define STACK 4096

enum faulty { DIVIDE, READ, OPCODE, OVERFLOW, LATE, APPLICATION, FAULTIES };

static const char *const faulty_name[FAULTIES] = {
	"divider", "reader", "opcode", "overflow", "late", "application",
};
static const ERROR_CODE_TYPE faulty_error[FAULTIES] = {
	NUMERIC_ERROR, MEMORY_VIOLATION, ILLEGAL_REQUEST, STACK_OVERFLOW, DEADLINE_MISSED,
	APPLICATION_ERROR,
};

static PROCESS_ID_TYPE faulty_id[FAULTIES], driver, counter;
static volatile uint32_t counted, handled, handler_runs;
static volatile ERROR_STATUS_TYPE seen[FAULTIES + 2];
static volatile RETURN_CODE_TYPE handler_empty_rc, handler_raise_rc, handler_stop_rc;
/* the faulting instructions (asm below) */
extern char divide_at[], read_at[], opcode_at[];

__asm__(".text\n"
	".globl divide_process\n"
	"divide_process:\n\t"
	"xorl %ecx, %ecx\n\t"
	"movl $1, %eax\n\t"
	"xorl %edx, %edx\n"
	"divide_at:\n\t"
	"divl %ecx\n"
	"1:\n\t jmp 1b\n"
	".globl read_process\n"
	"read_process:\n"
	"read_at:\n\t"
	"movl 0x10, %eax\n"
	"2:\n\t jmp 2b\n"
	".globl opcode_process\n"
	"opcode_process:\n"
	"opcode_at:\n\t"
	"ud2\n");
void divide_process(void), read_process(void), opcode_process(void);

static void overflow_process(void)
{
	recurse(0);
}

/* periodic, 200 us, capacity 50 us: its first job spins past the deadline */
static void late_process(void)
{
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE start, now;

	GET_TIME(&start, &rc);
	do
		GET_TIME(&now, &rc);
	while (now - start < 120 * US);
	for (;;)
		PERIODIC_WAIT(&rc);
}

static void application_process(void)
{
	RETURN_CODE_TYPE rc;
	static char message[] = "sensor value out of range";

	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)message,
				sizeof(message) - 1, &rc);
	/* the handler runs first (above every process), then this goes on */
	check("raise_application_error", rc, NO_ERROR);
	STOP_SELF();
}

static void (*const faulty_entry[FAULTIES])(void) = {
	divide_process, read_process, opcode_process, overflow_process, late_process,
	application_process,
};

static const char *error_name(ERROR_CODE_TYPE code)
{
	static const char *const names[] = {
		"DEADLINE_MISSED", "APPLICATION_ERROR", "NUMERIC_ERROR", "ILLEGAL_REQUEST",
		"STACK_OVERFLOW", "MEMORY_VIOLATION", "HARDWARE_FAULT", "POWER_FAIL",
	};

	return code >= 0 && code < 8 ? names[code] : "?";
}

static void error_handler(void)
{
	ERROR_STATUS_TYPE status;
	RETURN_CODE_TYPE rc;
	PROCESS_ID_TYPE me;

	handler_runs++;
	for (;;) {
		GET_ERROR_STATUS(&status, &rc);
		if (rc != NO_ERROR)
			break;
		printf("error handler: %s of process %ld at %p: %.*s\n",
		       error_name(status.ERROR_CODE), status.FAILED_PROCESS_ID,
		       status.FAILED_ADDRESS, (int)status.LENGTH, (const char *)status.MESSAGE);
		if (handled < FAULTIES + 2)
			seen[handled] = status;
		handled++;
		/* a faulted process waits for this; the late one is stopped too */
		if (status.ERROR_CODE != APPLICATION_ERROR) {
			STOP(status.FAILED_PROCESS_ID, &rc);
			handler_stop_rc = rc;
		}
	}
	handler_empty_rc = rc;
	GET_MY_ID(&me, &rc);
	STOP_SELF();
}

static void counter_process(void)
{
	RETURN_CODE_TYPE rc;

	for (;;) {
		counted++;
		TIMED_WAIT(20 * US, &rc);
	}
}

static void wait_handled(uint32_t n)
{
	RETURN_CODE_TYPE rc;

	for (int i = 0; i < 2000 && handled < n; i++)
		TIMED_WAIT(50 * US, &rc);
}

static void driver_process(void)
{
	RETURN_CODE_TYPE rc;
	PROCESS_STATUS_TYPE status;
	ERROR_STATUS_TYPE error;
	char name[MAX_ERROR_MESSAGE_SIZE];

	GET_ERROR_STATUS(&error, &rc);
	check("get_error_status_not_handler", rc, INVALID_CONFIG);
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, STACK, &rc);
	check("create_error_handler_normal", rc, INVALID_MODE);
	CONFIGURE_ERROR_HANDLER(PROCESSES_SCHEDULED, 0, &rc);
	check("configure_error_handler_normal", rc, INVALID_MODE);
	for (int k = 0; k < FAULTIES; k++) {
		uint32_t before = handled, count_before;

		START(faulty_id[k], &rc);
		snprintf(name, sizeof(name), "%s_started", faulty_name[k]);
		check(name, rc, NO_ERROR);
		wait_handled(before + 1);
		count_before = counted;
		snprintf(name, sizeof(name), "%s_handled", faulty_name[k]);
		check(name, handled, before + 1);
		snprintf(name, sizeof(name), "%s_error_code", faulty_name[k]);
		check(name, seen[before].ERROR_CODE, faulty_error[k]);
		snprintf(name, sizeof(name), "%s_failed_process", faulty_name[k]);
		check(name, seen[before].FAILED_PROCESS_ID, faulty_id[k]);
		if (k != APPLICATION) {
			GET_PROCESS_STATUS(faulty_id[k], &status, &rc);
			snprintf(name, sizeof(name), "%s_stopped", faulty_name[k]);
			check(name, status.PROCESS_STATE, DORMANT);
		}
		/* the rest of the partition went on, and goes on: a whole major frame (1 ms), so that
		 * the wait ends inside a window in which the counter has run (a shorter one ending
		 * outside the window would be taken at the next window's start, before the counter,
		 * which has a lower priority, is dispatched) */
		TIMED_WAIT(1000 * US, &rc);
		snprintf(name, sizeof(name), "%s_others_go_on", faulty_name[k]);
		check(name, counted > count_before, 1);
	}
	check("divide_address", (long long)(uintptr_t)seen[DIVIDE].FAILED_ADDRESS,
	      (long long)(uintptr_t)divide_at);
	check("read_address", (long long)(uintptr_t)seen[READ].FAILED_ADDRESS,
	      (long long)(uintptr_t)read_at);
	check("opcode_address", (long long)(uintptr_t)seen[OPCODE].FAILED_ADDRESS,
	      (long long)(uintptr_t)opcode_at);
	snprintf(name, sizeof(name), "page fault at eip 0x%08x, address 0x00000010",
		 (unsigned)(uintptr_t)read_at);
	check("read_message", strncmp((const char *)seen[READ].MESSAGE, name, strlen(name)) == 0 &&
	      seen[READ].LENGTH == (MESSAGE_SIZE_TYPE)strlen(name), 1);
	check("application_message", seen[APPLICATION].LENGTH == 25 &&
	      !strncmp((const char *)seen[APPLICATION].MESSAGE, "sensor value out of range", 25), 1);
	check("handler_empty", handler_empty_rc, NO_ACTION);
	check("handler_stop", handler_stop_rc, NO_ERROR);
	/* a faulted process started again faults again, and is handled again */
	START(faulty_id[DIVIDE], &rc);
	wait_handled(FAULTIES + 1);
	check("divider_again", handled == FAULTIES + 1 && seen[FAULTIES].ERROR_CODE == NUMERIC_ERROR,
	      1);
	printf("apex_errors: done, %d failed, counter %u, handler ran %u times\n", failed, counted,
	       handler_runs);
	STOP_SELF();
}

/* A process created, and a check that it was. */
static PROCESS_ID_TYPE create(const char *name, void (*entry)(void), PRIORITY_TYPE priority,
			      SYSTEM_TIME_TYPE period, SYSTEM_TIME_TYPE capacity,
			      DEADLINE_TYPE deadline)
{
	RETURN_CODE_TYPE rc;
	PROCESS_ID_TYPE id = create_process(name, entry, priority, period, capacity, deadline, &rc);
	char label[48];

	snprintf(label, sizeof(label), "create_%s", name);
	check(label, rc, NO_ERROR);
	return id;
}

int main(void)
{
	RETURN_CODE_TYPE rc;
	ERROR_STATUS_TYPE error;
	static char hello[] = "initialization of apex_errors";
	static char long_message[MAX_ERROR_MESSAGE_SIZE + 1];

	REPORT_APPLICATION_MESSAGE((MESSAGE_ADDR_TYPE)hello, sizeof(hello) - 1, &rc);
	check("report_message", rc, NO_ERROR);
	REPORT_APPLICATION_MESSAGE((MESSAGE_ADDR_TYPE)hello, -1, &rc);
	check("report_message_negative", rc, INVALID_PARAM);
	REPORT_APPLICATION_MESSAGE((MESSAGE_ADDR_TYPE)long_message, sizeof(long_message), &rc);
	check("report_message_too_long", rc, INVALID_PARAM);
	RAISE_APPLICATION_ERROR(NUMERIC_ERROR, (MESSAGE_ADDR_TYPE)hello, 4, &rc);
	check("raise_not_application_error", rc, INVALID_PARAM);
	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)long_message,
				sizeof(long_message), &rc);
	check("raise_too_long", rc, INVALID_PARAM);
	GET_ERROR_STATUS(&error, &rc);
	check("get_error_status_init", rc, INVALID_CONFIG);
	CONFIGURE_ERROR_HANDLER(PROCESSES_SCHEDULED, 0, &rc);
	check("configure_before_create", rc, INVALID_CONFIG);
	CREATE_ERROR_HANDLER(NULL, STACK, &rc);
	check("create_handler_no_entry", rc, INVALID_PARAM);
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, 1u << 30, &rc);
	check("create_handler_stack_out_of_range", rc, INVALID_PARAM);
	/* within range, beyond the deployment's stack memory (96 KiB) */
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, 128u << 10, &rc);
	check("create_handler_stack_beyond_config", rc, INVALID_CONFIG);
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, STACK, &rc);
	check("create_handler", rc, NO_ERROR);
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, STACK, &rc);
	check("create_handler_again", rc, NO_ACTION);
	CONFIGURE_ERROR_HANDLER((ERROR_HANDLER_CONCURRENCY_CONTROL_TYPE)7, 0, &rc);
	check("configure_bad_concurrency", rc, INVALID_PARAM);
	CONFIGURE_ERROR_HANDLER(PROCESSES_SCHEDULED, 3, &rc);
	check("configure_no_such_core", rc, INVALID_CONFIG);
	CONFIGURE_ERROR_HANDLER(PROCESSES_SCHEDULED, 0, &rc);
	check("configure", rc, NO_ERROR);
	for (int k = 0; k < FAULTIES; k++)
		faulty_id[k] = k == LATE ?
			create(faulty_name[k], faulty_entry[k], 50, 200 * US, 50 * US, HARD) :
			create(faulty_name[k], faulty_entry[k], 50, INFINITE_TIME_VALUE,
			       INFINITE_TIME_VALUE, SOFT);
	counter = create("counter", counter_process, 10, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE,
			 SOFT);
	driver = create("driver", driver_process, 100, INFINITE_TIME_VALUE, INFINITE_TIME_VALUE,
			SOFT);
	START(counter, &rc);
	START(driver, &rc);
	SET_PARTITION_MODE(NORMAL, &rc);
	printf("SET_PARTITION_MODE(NORMAL) returned %d\n", (int)rc);
	return 0;
}
