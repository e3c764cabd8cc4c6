/*
 * Sampling ports (ARINC 653 Part 1, inter-partition communication) over Bulkhead's kernel
 * sampling channels. The kernel keeps the message, when it was written and the channel's
 * refresh period, and judges a read's validity; this file keeps the partition's table of created
 * ports (what CREATE_SAMPLING_PORT was told, which must be what the deployment says) and the
 * validity of the last message read, which GET_SAMPLING_PORT_STATUS reports. No service waits.
 */
#include "port.h"

struct sampling_port {
	NAME_TYPE name;
	int32_t handle;                       /* the kernel's */
	MESSAGE_SIZE_TYPE max_message_size;
	PORT_DIRECTION_TYPE direction;
	SYSTEM_TIME_TYPE refresh_period;
	VALIDITY_TYPE last_validity;          /* of the last message read */
};

/* identifiers are 1 + the index: 0 names no port */
static struct sampling_port ports[SYSTEM_LIMIT_NUMBER_OF_SAMPLING_PORTS];
static SAMPLING_PORT_ID_TYPE port_count;

static struct sampling_port *port_of(SAMPLING_PORT_ID_TYPE id)
{
	return id >= 1 && id <= port_count ? &ports[id - 1] : NULL;
}

static SAMPLING_PORT_ID_TYPE port_named(const NAME_TYPE name)
{
	for (SAMPLING_PORT_ID_TYPE id = 1; id <= port_count; id++)
		if (apex_name_equal(ports[id - 1].name, name))
			return id;
	return 0;
}

void CREATE_SAMPLING_PORT(SAMPLING_PORT_NAME_TYPE SAMPLING_PORT_NAME,
			  MESSAGE_SIZE_TYPE MAX_MESSAGE_SIZE, PORT_DIRECTION_TYPE PORT_DIRECTION,
			  SYSTEM_TIME_TYPE REFRESH_PERIOD, SAMPLING_PORT_ID_TYPE *SAMPLING_PORT_ID,
			  RETURN_CODE_TYPE *RETURN_CODE)
{
	struct bh_port_info info;
	int32_t handle;
	struct sampling_port *p;

	apex_lock();
	handle = apex_port_open(SAMPLING_PORT_NAME, &info);
	/* the checks in the standard's order: what the deployment says comes first, the mode last */
	if (handle < 0 || info.kind != BH_PORT_SAMPLING)
		*RETURN_CODE = INVALID_CONFIG;
	else if (port_named(SAMPLING_PORT_NAME))
		*RETURN_CODE = NO_ACTION;
	else if (port_count == SYSTEM_LIMIT_NUMBER_OF_SAMPLING_PORTS)
		*RETURN_CODE = INVALID_CONFIG;
	else if (MAX_MESSAGE_SIZE != (MESSAGE_SIZE_TYPE)info.max_message)
		*RETURN_CODE = INVALID_CONFIG;
	else if (PORT_DIRECTION != apex_port_direction(&info))
		*RETURN_CODE = INVALID_CONFIG;
	else if (REFRESH_PERIOD != (SYSTEM_TIME_TYPE)info.refresh_ns)
		*RETURN_CODE = INVALID_CONFIG;
	else if (apex_mode() == NORMAL)
		*RETURN_CODE = INVALID_MODE;
	else {
		p = &ports[port_count++];
		apex_name_copy(p->name, SAMPLING_PORT_NAME);
		p->handle = handle;
		p->max_message_size = MAX_MESSAGE_SIZE;
		p->direction = PORT_DIRECTION;
		p->refresh_period = REFRESH_PERIOD;
		p->last_validity = INVALID;
		*SAMPLING_PORT_ID = port_count;
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

void WRITE_SAMPLING_MESSAGE(SAMPLING_PORT_ID_TYPE SAMPLING_PORT_ID, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
			    MESSAGE_SIZE_TYPE LENGTH, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct sampling_port *p;

	apex_lock();
	p = port_of(SAMPLING_PORT_ID);
	if (!p)
		*RETURN_CODE = INVALID_PARAM;
	else if (LENGTH > p->max_message_size)
		*RETURN_CODE = INVALID_CONFIG;
	else if (LENGTH <= 0)
		*RETURN_CODE = INVALID_PARAM;
	else if (p->direction != SOURCE)
		*RETURN_CODE = INVALID_MODE;
	else    /* the kernel refuses only a message outside the partition's memory */
		*RETURN_CODE = bh_sampling_write(p->handle, MESSAGE_ADDR, (uint32_t)LENGTH) == 0
			       ? NO_ERROR : INVALID_PARAM;
	apex_unlock();
}

void READ_SAMPLING_MESSAGE(SAMPLING_PORT_ID_TYPE SAMPLING_PORT_ID, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
			   MESSAGE_SIZE_TYPE *LENGTH, VALIDITY_TYPE *VALIDITY,
			   RETURN_CODE_TYPE *RETURN_CODE)
{
	struct sampling_port *p;
	struct bh_sample_info info;
	int32_t n;

	apex_lock();
	p = port_of(SAMPLING_PORT_ID);
	if (!p) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (p->direction != DESTINATION) {
		*RETURN_CODE = INVALID_MODE;
	} else {
		/* the caller's area holds MAX_MESSAGE_SIZE bytes, as the standard assumes */
		n = bh_sampling_read(p->handle, MESSAGE_ADDR, (uint32_t)p->max_message_size, &info);
		if (n >= 0) {
			p->last_validity = info.valid ? VALID : INVALID;
			*LENGTH = n;
			*VALIDITY = p->last_validity;
			*RETURN_CODE = NO_ERROR;
		} else {
			/* BH_EAGAIN: nothing was ever written; else the area is not the partition's */
			*LENGTH = 0;
			*VALIDITY = INVALID;
			*RETURN_CODE = n == BH_EAGAIN ? NO_ACTION : INVALID_PARAM;
		}
	}
	apex_unlock();
}

void GET_SAMPLING_PORT_ID(SAMPLING_PORT_NAME_TYPE SAMPLING_PORT_NAME,
			  SAMPLING_PORT_ID_TYPE *SAMPLING_PORT_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	SAMPLING_PORT_ID_TYPE id;

	apex_lock();
	id = port_named(SAMPLING_PORT_NAME);
	if (id) {
		*SAMPLING_PORT_ID = id;
		*RETURN_CODE = NO_ERROR;
	} else {
		*RETURN_CODE = INVALID_CONFIG;
	}
	apex_unlock();
}

void GET_SAMPLING_PORT_STATUS(SAMPLING_PORT_ID_TYPE SAMPLING_PORT_ID,
			      SAMPLING_PORT_STATUS_TYPE *SAMPLING_PORT_STATUS,
			      RETURN_CODE_TYPE *RETURN_CODE)
{
	struct sampling_port *p;

	apex_lock();
	p = port_of(SAMPLING_PORT_ID);
	if (p) {
		SAMPLING_PORT_STATUS->REFRESH_PERIOD = p->refresh_period;
		SAMPLING_PORT_STATUS->MAX_MESSAGE_SIZE = p->max_message_size;
		SAMPLING_PORT_STATUS->PORT_DIRECTION = p->direction;
		SAMPLING_PORT_STATUS->LAST_MSG_VALIDITY = p->last_validity;
		*RETURN_CODE = NO_ERROR;
	} else {
		*RETURN_CODE = INVALID_PARAM;
	}
	apex_unlock();
}
