/*
 * apex_demo's sensor partition: one periodic process, air_data, that samples the air data
 * computer every 20 ms and writes the sample on the sampling port "air_data". The aircraft
 * climbs from 10,000 ft at 30 ft a sample and levels at 10,500 ft.
 */
#include "../apex_demo.h"

static SAMPLING_PORT_ID_TYPE port;

static void air_data(void)
{
	struct air_data sample = { .sequence = 0, .altitude_ft = 10000, .airspeed_kt = 250 };
	RETURN_CODE_TYPE rc;

	for (;;) {
		sample.sequence++;
		if (sample.altitude_ft < 10500)
			sample.altitude_ft += 30;
		if (sample.altitude_ft > 10500)
			sample.altitude_ft = 10500;
		WRITE_SAMPLING_MESSAGE(port, (MESSAGE_ADDR_TYPE)&sample, sizeof(sample), &rc);
		if (rc != NO_ERROR)
			printf("air_data: WRITE_SAMPLING_MESSAGE failed (%d)\n", (int)rc);
		PERIODIC_WAIT(&rc);
	}
}

int main(void)
{
	RETURN_CODE_TYPE rc;

	CREATE_SAMPLING_PORT(NAME("air_data"), sizeof(struct air_data), SOURCE, MS_TIME(40), &port,
			     &rc);
	if (rc == NO_ERROR)
		rc = demo_start(NAME("air_data"), air_data, MS_TIME(20), 10);
	if (rc != NO_ERROR) {
		printf("initialization failed (%d)\n", (int)rc);
		return 0;
	}
	printf("air data computer: altitude and airspeed every 20 ms on port air_data\n");
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
