/*
 * CONFIGURE_ERROR_HANDLER's concurrency control on two vcpus (apex/error.c): a spinner process
 * on vcpu 1 counts flat out; a process on vcpu 0 raises an application error, and the error
 * handler (on vcpu 0) spins 200 us of the clock, reading the spinner's count before and after.
 * PROCESSES_PAUSE: the count stands still while the handler runs; PROCESSES_SCHEDULED: it moves.
 * The deployment runs this image twice: as partition 4, PAUSE; as partition 5, SCHEDULED.
 */
#include <ARINC653.h>
#include <bulkhead.h>

#define US 1000ll
#define STACK 4096

static volatile uint32_t spun, during, after_handler;
static volatile int handler_done;

static void spinner(void)
{
	for (;;)
		spun++;
}

static void raiser(void)
{
	RETURN_CODE_TYPE rc;
	static char message[] = "raised for the handler";
	uint32_t at_end;

	RAISE_APPLICATION_ERROR(APPLICATION_ERROR, (MESSAGE_ADDR_TYPE)message, sizeof(message) - 1,
				&rc);
	/* the handler ran first (it is above every process); now the spinner may move again */
	at_end = spun;
	TIMED_WAIT(100 * US, &rc);
	printf("handler done %d: spinner moved %u while it ran, %u after it\n", handler_done,
	       during, spun - at_end);
	STOP_SELF();
}

static void error_handler(void)
{
	ERROR_STATUS_TYPE status;
	RETURN_CODE_TYPE rc;
	SYSTEM_TIME_TYPE start, now;
	uint32_t before;

	GET_ERROR_STATUS(&status, &rc);
	before = spun;
	GET_TIME(&start, &rc);
	do
		GET_TIME(&now, &rc);
	while (now - start < 200 * US);
	during = spun - before;
	handler_done = 1;
	STOP_SELF();
}

static PROCESS_ID_TYPE create(const char *name, void (*entry)(void), PRIORITY_TYPE priority,
			      PROCESSOR_CORE_ID_TYPE core)
{
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = INFINITE_TIME_VALUE, .TIME_CAPACITY = INFINITE_TIME_VALUE,
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry, .STACK_SIZE = STACK,
		.BASE_PRIORITY = priority, .DEADLINE = SOFT,
	};
	PROCESS_ID_TYPE id;
	RETURN_CODE_TYPE rc;

	for (unsigned i = 0; name[i] && i < MAX_NAME_LENGTH; i++)
		a.NAME[i] = name[i];
	CREATE_PROCESS(&a, &id, &rc);
	INITIALIZE_PROCESS_CORE_AFFINITY(id, core, &rc);
	START(id, &rc);
	return id;
}

int main(void)
{
	PARTITION_ID_TYPE me;
	RETURN_CODE_TYPE rc;
	ERROR_HANDLER_CONCURRENCY_CONTROL_TYPE control;

	GET_MY_PARTITION_ID(&me, &rc);
	control = me == 4 ? PROCESSES_PAUSE : PROCESSES_SCHEDULED;
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)error_handler, STACK, &rc);
	CONFIGURE_ERROR_HANDLER(control, 0, &rc);
	printf("error handler configured %s: %d\n",
	       control == PROCESSES_PAUSE ? "PROCESSES_PAUSE" : "PROCESSES_SCHEDULED", (int)rc);
	create("spinner", spinner, 10, 1);
	create("raiser", raiser, 20, 0);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
