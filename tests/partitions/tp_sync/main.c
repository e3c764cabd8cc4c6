/*
 * Intra-partition communication as the public ARINC 653 examples show it
 * (tests/suites/test_apex_thirdparty.py): a buffer between a producer and a higher-priority
 * consumer, a PRIORITY semaphore, an event with three waiters, a blackboard with two readers, a
 * preemption lock, a mutex and timeouts, driven by the lowest-priority process. Each process
 * prints what it sees; the order of the lines is what the standard's scheduling says it must be.
 */
#include <apex.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#define MS 1000000LL
#define COMMANDS 4

static BUFFER_ID_TYPE commands;
static SEMAPHORE_ID_TYPE resource, never;
static EVENT_ID_TYPE go;
static BLACKBOARD_ID_TYPE board;
static MUTEX_ID_TYPE shared;

static void consumer(void)
{
	char text[16];
	MESSAGE_SIZE_TYPE length;
	RETURN_CODE_TYPE ret;
	int i;

	for (i = 0; i < COMMANDS; i++) {
		RECEIVE_BUFFER(commands, INFINITE_TIME_VALUE, (MESSAGE_ADDR_TYPE)text, &length, &ret);
		printf("CONSUMER got '%.*s': %d\n", (int)length, text, ret);
	}
}

static void producer(void)
{
	char text[16];
	RETURN_CODE_TYPE ret;
	int i;

	for (i = 0; i < COMMANDS; i++) {
		sprintf(text, "cmd %d", i);
		printf("PRODUCER sends '%s'\n", text);
		SEND_BUFFER(commands, (MESSAGE_ADDR_TYPE)text, (MESSAGE_SIZE_TYPE)strlen(text),
			    INFINITE_TIME_VALUE, &ret);
	}
	printf("PRODUCER done\n");
}

static void high_waiter(void)
{
	RETURN_CODE_TYPE ret;
	int i;

	TIMED_WAIT(1 * MS, &ret);       /* so that LOW WAITER queues first */
	for (i = 0; i < 2; i++) {
		WAIT_SEMAPHORE(resource, INFINITE_TIME_VALUE, &ret);
		printf("HIGH WAITER got RESOURCE: %d\n", ret);
	}
}

static void low_waiter(void)
{
	RETURN_CODE_TYPE ret;

	WAIT_SEMAPHORE(resource, INFINITE_TIME_VALUE, &ret);
	printf("LOW WAITER got RESOURCE: %d\n", ret);
}

static void event_waiter(void)
{
	PROCESS_ID_TYPE me;
	PROCESS_STATUS_TYPE status;
	RETURN_CODE_TYPE ret;

	GET_MY_ID(&me, &ret);
	GET_PROCESS_STATUS(me, &status, &ret);
	WAIT_EVENT(go, INFINITE_TIME_VALUE, &ret);
	printf("%s woke on GO: %d\n", status.ATTRIBUTES.NAME, ret);
}

static void reader(void)
{
	char text[32];
	MESSAGE_SIZE_TYPE length;
	PROCESS_INDEX_TYPE index;
	RETURN_CODE_TYPE ret;

	GET_MY_INDEX(&index, &ret);
	READ_BLACKBOARD(board, INFINITE_TIME_VALUE, (MESSAGE_ADDR_TYPE)text, &length, &ret);
	printf("READER %ld read '%.*s': %d\n", index, (int)length, text, ret);
}

static void driver(void)
{
	RETURN_CODE_TYPE ret, clock_ret;
	LOCK_LEVEL_TYPE level;
	PROCESS_ID_TYPE me;
	PROCESS_STATUS_TYPE status;
	MUTEX_STATUS_TYPE mutex;
	SEMAPHORE_STATUS_TYPE semaphore;
	SYSTEM_TIME_TYPE before, after;
	const char *news = "altitude 35000";

	TIMED_WAIT(3 * MS, &ret);
	printf("DRIVER signals RESOURCE twice\n");
	SIGNAL_SEMAPHORE(resource, &ret);
	SIGNAL_SEMAPHORE(resource, &ret);
	printf("DRIVER sets GO\n");
	SET_EVENT(go, &ret);
	printf("DRIVER after SET_EVENT: %d\n", ret);
	DISPLAY_BLACKBOARD(board, (MESSAGE_ADDR_TYPE)news, (MESSAGE_SIZE_TYPE)strlen(news), &ret);
	printf("DRIVER after DISPLAY_BLACKBOARD: %d\n", ret);

	LOCK_PREEMPTION(&level, &ret);
	printf("DRIVER locked preemption: %d, level %ld\n", ret, level);
	SIGNAL_SEMAPHORE(resource, &ret);
	printf("DRIVER still running under the lock\n");
	UNLOCK_PREEMPTION(&level, &ret);
	printf("DRIVER unlocked: %d, level %ld\n", ret, level);
	UNLOCK_PREEMPTION(&level, &ret);
	printf("UNLOCK_PREEMPTION not locked: %d\n", ret);

	GET_MY_ID(&me, &ret);
	ACQUIRE_MUTEX(shared, INFINITE_TIME_VALUE, &ret);
	GET_PROCESS_STATUS(me, &status, &ret);
	GET_MUTEX_STATUS(shared, &mutex, &ret);
	printf("DRIVER owns SHARED DATA: priority %ld, owner is me: %s, lock count %ld\n",
	       status.CURRENT_PRIORITY, mutex.MUTEX_OWNER == me ? "yes" : "no", mutex.LOCK_COUNT);
	RELEASE_MUTEX(shared, &ret);
	GET_PROCESS_STATUS(me, &status, &ret);
	printf("DRIVER released SHARED DATA: %d, priority %ld\n", ret, status.CURRENT_PRIORITY);
	RELEASE_MUTEX(shared, &ret);
	printf("RELEASE_MUTEX not owned: %d\n", ret);

	WAIT_SEMAPHORE(never, 0, &ret);
	printf("WAIT_SEMAPHORE at zero, no wait: %d\n", ret);
	GET_TIME(&before, &clock_ret);
	WAIT_SEMAPHORE(never, 5 * MS, &ret);
	GET_TIME(&after, &clock_ret);
	printf("WAIT_SEMAPHORE 5 ms: %d, waited at least 5 ms: %s\n", ret,
	       after - before >= 5 * MS ? "yes" : "no");
	SIGNAL_SEMAPHORE(never, &ret);
	SIGNAL_SEMAPHORE(never, &ret);
	printf("SIGNAL_SEMAPHORE at its maximum: %d\n", ret);
	GET_SEMAPHORE_STATUS(never, &semaphore, &ret);
	printf("NEVER value %ld of %ld\n", semaphore.CURRENT_VALUE, semaphore.MAXIMUM_VALUE);
	printf("sync: done\n");
}

static PROCESS_ID_TYPE spawn(const char *name, void (*entry)(void), PRIORITY_TYPE priority)
{
	PROCESS_ATTRIBUTE_TYPE attributes;
	PROCESS_ID_TYPE pid = 0;
	RETURN_CODE_TYPE ret;

	memset(&attributes, 0, sizeof attributes);
	strcpy(attributes.NAME, name);
	attributes.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry;
	attributes.STACK_SIZE = 4096;
	attributes.BASE_PRIORITY = priority;
	attributes.PERIOD = INFINITE_TIME_VALUE;
	attributes.TIME_CAPACITY = INFINITE_TIME_VALUE;
	attributes.DEADLINE = SOFT;
	CREATE_PROCESS(&attributes, &pid, &ret);
	if (ret != NO_ERROR) {
		printf("CREATE_PROCESS %s failed: %d\n", name, ret);
		return 0;
	}
	START(pid, &ret);
	return pid;
}

void main(void)
{
	RETURN_CODE_TYPE ret;
	BUFFER_ID_TYPE other;
	SEMAPHORE_ID_TYPE bad;
	char text[16];
	MESSAGE_SIZE_TYPE length;

	CREATE_BUFFER("COMMANDS", 16, 2, FIFO, &commands, &ret);
	printf("CREATE_BUFFER: %d\n", ret);
	CREATE_BUFFER("COMMANDS", 16, 2, FIFO, &other, &ret);
	printf("CREATE_BUFFER same name: %d\n", ret);
	CREATE_BUFFER("EMPTY", 16, 0, FIFO, &other, &ret);
	printf("CREATE_BUFFER of no message: %d\n", ret);
	RECEIVE_BUFFER(commands, 1 * MS, (MESSAGE_ADDR_TYPE)text, &length, &ret);
	printf("RECEIVE_BUFFER in the initialization: %d\n", ret);
	CREATE_SEMAPHORE("RESOURCE", 0, 2, PRIORITY, &resource, &ret);
	printf("CREATE_SEMAPHORE: %d\n", ret);
	CREATE_SEMAPHORE("NEVER", 0, 1, FIFO, &never, &ret);
	CREATE_SEMAPHORE("TOO FULL", 3, 2, FIFO, &bad, &ret);
	printf("CREATE_SEMAPHORE value above maximum: %d\n", ret);
	GET_SEMAPHORE_ID("NO SUCH SEMAPHORE", &bad, &ret);
	printf("GET_SEMAPHORE_ID unknown: %d\n", ret);
	CREATE_EVENT("GO", &go, &ret);
	printf("CREATE_EVENT: %d\n", ret);
	CREATE_BLACKBOARD("STATUS BOARD", 32, &board, &ret);
	printf("CREATE_BLACKBOARD: %d\n", ret);
	CREATE_MUTEX("SHARED DATA", 30, FIFO, &shared, &ret);
	printf("CREATE_MUTEX: %d\n", ret);

	spawn("CONSUMER", consumer, 20);
	spawn("PRODUCER", producer, 10);
	spawn("HIGH WAITER", high_waiter, 18);
	spawn("LOW WAITER", low_waiter, 12);
	spawn("EVENT A", event_waiter, 16);
	spawn("EVENT B", event_waiter, 16);
	spawn("EVENT C", event_waiter, 16);
	spawn("READER 1", reader, 17);
	spawn("READER 2", reader, 17);
	spawn("DRIVER", driver, 5);
	SET_PARTITION_MODE(NORMAL, &ret);
	printf("SET_PARTITION_MODE returned: %d\n", ret);
}
