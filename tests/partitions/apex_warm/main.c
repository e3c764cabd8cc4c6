/*
 * A warm restart keeps the partition's memory, and with it what a run before left in the APEX
 * layer's tables: the layer must start afresh. The first run creates one of each APEX object,
 * a queuing and a sampling port and the error handler, then asks for WARM_START; the second
 * creates them all again: each must be NO_ERROR with the same identifier (not NO_ACTION, as for
 * a name that exists), and then COLD_START does the same once more.
 */
#include "../apex_check.h"

#define STACK 4096

struct created {
	APEX_INTEGER semaphore, buffer, blackboard, event, mutex, queuing, sampling;
	RETURN_CODE_TYPE rc[8];
};

static void handler(void)
{
	STOP_SELF();
}

static void create_all(struct created *c)
{
	NAME_TYPE n;

	name_of(n, "sem");
	CREATE_SEMAPHORE(n, 0, 1, FIFO, &c->semaphore, &c->rc[0]);
	name_of(n, "buf");
	CREATE_BUFFER(n, 16, 4, FIFO, &c->buffer, &c->rc[1]);
	name_of(n, "board");
	CREATE_BLACKBOARD(n, 16, &c->blackboard, &c->rc[2]);
	name_of(n, "ev");
	CREATE_EVENT(n, &c->event, &c->rc[3]);
	name_of(n, "mx");
	CREATE_MUTEX(n, 10, FIFO, &c->mutex, &c->rc[4]);
	name_of(n, "warm_q");
	CREATE_QUEUING_PORT(n, 16, 4, SOURCE, FIFO, &c->queuing, &c->rc[5]);
	name_of(n, "warm_s");
	CREATE_SAMPLING_PORT(n, 16, SOURCE, 1000000, &c->sampling, &c->rc[6]);
	CREATE_ERROR_HANDLER((SYSTEM_ADDRESS_TYPE)handler, STACK, &c->rc[7]);
}

static OPERATING_MODE_TYPE restart_to;

/* in NORMAL mode: the restart that the initialization chose */
static void restarter(void)
{
	RETURN_CODE_TYPE rc;

	SET_PARTITION_MODE(restart_to, &rc);
	printf("SET_PARTITION_MODE(%d) returned %d\n", (int)restart_to, (int)rc);
	STOP_SELF();
}

int main(void)
{
	static const char *const what[8] = {
		"semaphore", "buffer", "blackboard", "event", "mutex", "queuing_port",
		"sampling_port", "error_handler",
	};
	PROCESS_ATTRIBUTE_TYPE a = {
		.PERIOD = INFINITE_TIME_VALUE, .TIME_CAPACITY = INFINITE_TIME_VALUE,
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)restarter, .STACK_SIZE = STACK,
		.BASE_PRIORITY = 10, .DEADLINE = SOFT,
	};
	PARTITION_STATUS_TYPE status;
	PROCESS_ID_TYPE id;
	struct created c;
	RETURN_CODE_TYPE rc;
	const char *run;
	char label[64];

	GET_PARTITION_STATUS(&status, &rc);
	/* the first start, then a warm restart, then a cold one, each asked in NORMAL mode */
	run = status.START_CONDITION == NORMAL_START ? "first" :
	      status.OPERATING_MODE == WARM_START ? "warm" : "cold";
	create_all(&c);
	for (int i = 0; i < 8; i++) {
		snprintf(label, sizeof(label), "%s_%s", run, what[i]);
		check(label, c.rc[i], NO_ERROR);
	}
	snprintf(label, sizeof(label), "%s_ids_from_1", run);
	check(label, c.semaphore == 1 && c.buffer == 1 && c.blackboard == 1 && c.event == 1 &&
	      c.mutex == 1 && c.queuing == 1 && c.sampling == 1, 1);
	name_of(a.NAME, "restarter");
	CREATE_PROCESS(&a, &id, &rc);
	snprintf(label, sizeof(label), "%s_process", run);
	check(label, rc, NO_ERROR);
	restart_to = status.START_CONDITION == NORMAL_START ? WARM_START : COLD_START;
	if (status.OPERATING_MODE != COLD_START || status.START_CONDITION == NORMAL_START)
		START(id, &rc);
	printf("apex_warm: %s run done, %d failed\n", run, failed);
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
