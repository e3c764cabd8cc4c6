/*
 * A sensor partition in the style of the public ARINC 653 producer/consumer examples
 * (tests/suites/test_apex_thirdparty.py): one periodic process samples a value every 10 ms,
 * writes it to a sampling port and logs it on a queuing port to the display partition
 * (tp_display). Its initialization makes the port mistakes real programs make and prints their
 * return codes.
 */
#include <ARINC653.h>
#include <stdio.h>
#include <string.h>

#define SAMPLES 12

static SAMPLING_PORT_ID_TYPE data_port;
static QUEUING_PORT_ID_TYPE log_port;

static void acquire(void)
{
	RETURN_CODE_TYPE ret;
	char text[64];
	int sample;

	for (sample = 0; sample < SAMPLES; sample++) {
		double celsius = 20.0 + sample * 0.25;
		int length = sprintf(text, "temperature %d", 20 + sample);

		printf("reading %.2f C, %f F\n", celsius, celsius * 9 / 5 + 32);

		WRITE_SAMPLING_MESSAGE(data_port, (MESSAGE_ADDR_TYPE)text, length + 1, &ret);
		if (ret != NO_ERROR)
			printf("WRITE_SAMPLING_MESSAGE: %d\n", ret);
		length = sprintf(text, "log %d", sample);
		SEND_QUEUING_MESSAGE(log_port, (MESSAGE_ADDR_TYPE)text, length, 0, &ret);
		printf("sent 'log %d': %d\n", sample, ret);
		PERIODIC_WAIT(&ret);
	}
	printf("sensor: all %d samples sent\n", SAMPLES);
	/* a process returning from its entry point is stopped */
}

int main(void)
{
	PROCESS_ATTRIBUTE_TYPE attr = {
		.PERIOD = 10000000,                     /* 10 ms */
		.TIME_CAPACITY = 10000000,
		.ENTRY_POINT = (SYSTEM_ADDRESS_TYPE)acquire,
		.STACK_SIZE = 4096,
		.BASE_PRIORITY = 10,
		.DEADLINE = SOFT,
	};
	PROCESS_ID_TYPE pid;
	SAMPLING_PORT_ID_TYPE other;
	QUEUING_PORT_ID_TYPE bad;
	QUEUING_PORT_STATUS_TYPE status;
	char message[80];
	RETURN_CODE_TYPE ret;

	CREATE_SAMPLING_PORT("SENSOR_DATA", 32, SOURCE, 30000000, &data_port, &ret);
	printf("CREATE_SAMPLING_PORT SENSOR_DATA: %d\n", ret);
	CREATE_SAMPLING_PORT("SENSOR_DATA", 32, SOURCE, 30000000, &other, &ret);
	printf("CREATE_SAMPLING_PORT again: %d\n", ret);
	CREATE_SAMPLING_PORT("NO_SUCH_PORT", 32, SOURCE, 30000000, &other, &ret);
	printf("CREATE_SAMPLING_PORT unknown name: %d\n", ret);
	CREATE_QUEUING_PORT("SENSOR_LOG", 128, 8, SOURCE, FIFO, &bad, &ret);
	printf("CREATE_QUEUING_PORT wrong size: %d\n", ret);
	CREATE_QUEUING_PORT("SENSOR_LOG", 64, 8, DESTINATION, FIFO, &bad, &ret);
	printf("CREATE_QUEUING_PORT wrong direction: %d\n", ret);
	CREATE_QUEUING_PORT("SENSOR_LOG", 64, 8, SOURCE, FIFO, &log_port, &ret);
	printf("CREATE_QUEUING_PORT SENSOR_LOG: %d\n", ret);

	memset(message, 'x', sizeof(message));
	SEND_QUEUING_MESSAGE(log_port, (MESSAGE_ADDR_TYPE)message, sizeof(message), 0, &ret);
	printf("SEND_QUEUING_MESSAGE too long: %d\n", ret);
	GET_QUEUING_PORT_ID("SENSOR_LOG", &bad, &ret);
	printf("GET_QUEUING_PORT_ID: %d, same id: %s\n", ret, bad == log_port ? "yes" : "no");
	GET_QUEUING_PORT_STATUS(log_port, &status, &ret);
	printf("queuing status: %d, max %ld messages of %ld bytes, direction %d\n", ret,
	       status.MAX_NB_MESSAGE, status.MAX_MESSAGE_SIZE, status.PORT_DIRECTION);

	strcpy(attr.NAME, "ACQUISITION");
	CREATE_PROCESS(&attr, &pid, &ret);
	printf("CREATE_PROCESS ACQUISITION: %d\n", ret);
	START(pid, &ret);
	SET_PARTITION_MODE(NORMAL, &ret);
	return 0;
}
