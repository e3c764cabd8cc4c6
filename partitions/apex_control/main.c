/*
 * apex_demo's control partition: three processes at different rates and priorities.
 *   acquire   every 20 ms, priority 30: reads the sensor's sample on the sampling port
 *             "air_data" and displays it on the blackboard "state" for the others;
 *   autopilot every 40 ms, priority 20: reads the blackboard, computes the pitch command that
 *             captures 10,500 ft, and sends it into the buffer "commands";
 *   telemetry on demand,  priority 10: takes each command from the buffer and sends it on to
 *             the display partition on the queuing port "telemetry".
 * The autopilot prints a line when its mode changes; the others print only when something is
 * wrong.
 */
#include "../apex_demo.h"

#define TARGET_FT 10500

static SAMPLING_PORT_ID_TYPE air_data_port;
static QUEUING_PORT_ID_TYPE telemetry_port;
static BLACKBOARD_ID_TYPE state;
static BUFFER_ID_TYPE commands;

static void acquire(void)
{
	struct air_data sample;
	MESSAGE_SIZE_TYPE length;
	VALIDITY_TYPE validity;
	VALIDITY_TYPE was = VALID;
	RETURN_CODE_TYPE rc;

	for (;;) {
		READ_SAMPLING_MESSAGE(air_data_port, (MESSAGE_ADDR_TYPE)&sample, &length, &validity,
				      &rc);
		if (rc == NO_ERROR && validity == VALID)
			DISPLAY_BLACKBOARD(state, (MESSAGE_ADDR_TYPE)&sample, length, &rc);
		else if (was == VALID)
			printf("acquire: no valid air data\n");
		was = rc == NO_ERROR ? validity : INVALID;
		PERIODIC_WAIT(&rc);
	}
}

static const char *mode_name(APEX_INTEGER error_ft)
{
	if (error_ft > 250)
		return "climb";
	return error_ft > 0 ? "capture" : "altitude hold";
}

static void autopilot(void)
{
	struct air_data sample;
	struct telemetry command;
	MESSAGE_SIZE_TYPE length;
	const char *mode = "";
	RETURN_CODE_TYPE rc;

	for (;;) {
		READ_BLACKBOARD(state, 0, (MESSAGE_ADDR_TYPE)&sample, &length, &rc);
		if (rc == NO_ERROR) {
			APEX_INTEGER error_ft = TARGET_FT - sample.altitude_ft;
			APEX_INTEGER pitch = error_ft / 5;   /* 0.1 degree per 5 ft, at most 5 degrees */

			command.pitch_tenths = pitch > 50 ? 50 : pitch < -50 ? -50 : pitch;
			GET_TIME(&command.time, &rc);
			command.sequence = sample.sequence;
			command.altitude_ft = sample.altitude_ft;
			command.airspeed_kt = sample.airspeed_kt;
			if (mode_name(error_ft) != mode) {
				mode = mode_name(error_ft);
				printf("autopilot: %s at %ld ft (target %d ft)\n", mode,
				       (long)sample.altitude_ft, TARGET_FT);
			}
			SEND_BUFFER(commands, (MESSAGE_ADDR_TYPE)&command, sizeof(command), 0, &rc);
			if (rc != NO_ERROR)
				printf("autopilot: command buffer full, command dropped\n");
		}
		PERIODIC_WAIT(&rc);
	}
}

static void telemetry(void)
{
	struct telemetry command;
	MESSAGE_SIZE_TYPE length;
	RETURN_CODE_TYPE rc;

	for (;;) {
		RECEIVE_BUFFER(commands, INFINITE_TIME_VALUE, (MESSAGE_ADDR_TYPE)&command, &length,
			       &rc);
		if (rc != NO_ERROR)
			continue;
		SEND_QUEUING_MESSAGE(telemetry_port, (MESSAGE_ADDR_TYPE)&command, length,
				     MS_TIME(20), &rc);
		if (rc != NO_ERROR)
			printf("telemetry: display not taking messages (%d)\n", (int)rc);
	}
}

int main(void)
{
	RETURN_CODE_TYPE rc, failed = NO_ERROR;

	CREATE_SAMPLING_PORT(NAME("air_data"), sizeof(struct air_data), DESTINATION, MS_TIME(40),
			     &air_data_port, &rc);
	failed = failed ? failed : rc;
	CREATE_QUEUING_PORT(NAME("telemetry"), sizeof(struct telemetry), 8, SOURCE, FIFO,
			    &telemetry_port, &rc);
	failed = failed ? failed : rc;
	CREATE_BLACKBOARD(NAME("state"), sizeof(struct air_data), &state, &rc);
	failed = failed ? failed : rc;
	CREATE_BUFFER(NAME("commands"), sizeof(struct telemetry), 4, FIFO, &commands, &rc);
	failed = failed ? failed : rc;
	failed = failed ? failed : demo_start(NAME("acquire"), acquire, MS_TIME(20), 30);
	failed = failed ? failed : demo_start(NAME("autopilot"), autopilot, MS_TIME(40), 20);
	failed = failed ? failed : demo_start(NAME("telemetry"), telemetry, INFINITE_TIME_VALUE, 10);
	if (failed != NO_ERROR) {
		printf("initialization failed (%d)\n", (int)failed);
		return 0;
	}
	printf("flight control: acquire every 20 ms (priority 30), autopilot every 40 ms (20), "
	       "telemetry on demand (10)\n");
	SET_PARTITION_MODE(NORMAL, &rc);
	return 0;
}
