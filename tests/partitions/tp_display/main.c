/*
 * A display partition, the consumer of tp_sensor (tests/suites/test_apex_thirdparty.py): an
 * aperiodic process waits for every log message on a queuing port, a periodic one reads the
 * sampling port and shows its validity, which turns INVALID once the sensor stops refreshing.
 */
#include <ARINC653.h>
#include <stdio.h>
#include <string.h>

#define LOGS 12

static SAMPLING_PORT_ID_TYPE data_port;
static QUEUING_PORT_ID_TYPE log_port;

static void receiver(void)
{
	APEX_BYTE message[64];
	MESSAGE_SIZE_TYPE length;
	QUEUING_PORT_STATUS_TYPE status;
	RETURN_CODE_TYPE ret;
	int i;

	for (i = 0; i < LOGS; i++) {
		RECEIVE_QUEUING_MESSAGE(log_port, INFINITE_TIME_VALUE, message, &length, &ret);
		printf("received '%.*s' (%ld bytes): %d\n", (int)length, (char *)message, length, ret);
	}
	RECEIVE_QUEUING_MESSAGE(log_port, 15000000, message, &length, &ret);
	printf("RECEIVE_QUEUING_MESSAGE with nothing sent: %d, length %ld\n", ret, length);
	GET_QUEUING_PORT_STATUS(log_port, &status, &ret);
	printf("queuing status: %d, %ld messages, direction %d\n", ret, status.NB_MESSAGE,
	       status.PORT_DIRECTION);
}

static void monitor(void)
{
	APEX_BYTE message[32];
	MESSAGE_SIZE_TYPE length;
	VALIDITY_TYPE validity;
	RETURN_CODE_TYPE ret;
	int run;

	for (run = 0; run < 20; run++) {
		READ_SAMPLING_MESSAGE(data_port, message, &length, &validity, &ret);
		if (ret == NO_ERROR)
			printf("sample '%s' %s\n", (char *)message,
			       validity == VALID ? "VALID" : "INVALID");
		else
			printf("READ_SAMPLING_MESSAGE: %d, length %ld\n", ret, length);
		PERIODIC_WAIT(&ret);
	}
}

static void start(const char *name, void (*entry)(void), SYSTEM_TIME_TYPE period,
		  PRIORITY_TYPE priority)
{
	PROCESS_ATTRIBUTE_TYPE attr;
	PROCESS_ID_TYPE pid;
	RETURN_CODE_TYPE ret;

	strncpy(attr.NAME, name, sizeof(attr.NAME));
	attr.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)entry;
	attr.STACK_SIZE = 4096;
	attr.BASE_PRIORITY = priority;
	attr.PERIOD = period;
	attr.TIME_CAPACITY = INFINITE_TIME_VALUE;
	attr.DEADLINE = SOFT;
	CREATE_PROCESS(&attr, &pid, &ret);
	if (ret == NO_ERROR)
		START(pid, &ret);
	printf("%s: %d\n", name, ret);
}

int main(void)
{
	RETURN_CODE_TYPE ret;
	SAMPLING_PORT_STATUS_TYPE status;

	CREATE_SAMPLING_PORT("SENSOR_DATA", 32, DESTINATION, 30000000, &data_port, &ret);
	printf("CREATE_SAMPLING_PORT SENSOR_DATA: %d\n", ret);
	CREATE_QUEUING_PORT("SENSOR_LOG", 64, 8, DESTINATION, FIFO, &log_port, &ret);
	printf("CREATE_QUEUING_PORT SENSOR_LOG: %d\n", ret);
	GET_SAMPLING_PORT_STATUS(data_port, &status, &ret);
	printf("sampling status: %d, refresh %lld, size %ld, direction %d\n", ret,
	       status.REFRESH_PERIOD, status.MAX_MESSAGE_SIZE, status.PORT_DIRECTION);

	start("LOG RECEIVER", receiver, INFINITE_TIME_VALUE, 20);
	start("DATA MONITOR", monitor, 10000000, 10);
	SET_PARTITION_MODE(NORMAL, &ret);
	return 0;
}
