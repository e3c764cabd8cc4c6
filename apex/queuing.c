/*
 * Queuing ports (ARINC 653 Part 1, inter-partition communication) over Bulkhead's kernel
 * queuing channels. The kernel holds the messages; this file keeps the partition's table of
 * created ports and, per port, the processes waiting on it (senders on a source port whose queue
 * is full, receivers on an empty destination port) in the port's queuing discipline.
 *
 * A process never waits in the kernel: that would block its vcpu and with it every other process
 * of the partition. It tries with the kernel's timeout 0 and, if it must wait, waits in the
 * port's apex_wait_queue with its own timeout. The kernel raises the port line when a message
 * arrives or a full queue gets room; the core then calls apex_ports_changed(), which does each
 * waiter's transfer for it, first waiter first, while the kernel takes them, and wakes it.
 * A process that comes while others wait is served after them, so none overtakes another.
 */
#include "port.h"

struct queuing_port {
	NAME_TYPE name;
	int32_t handle;                       /* the kernel's */
	MESSAGE_SIZE_TYPE max_message_size;
	MESSAGE_RANGE_TYPE max_nb_message;
	PORT_DIRECTION_TYPE direction;
	struct apex_wait_queue waiters;       /* senders at a source, receivers at a destination */
};

/* identifiers are 1 + the index: 0 names no port */
static struct queuing_port ports[SYSTEM_LIMIT_NUMBER_OF_QUEUING_PORTS];
static QUEUING_PORT_ID_TYPE port_count;

static struct queuing_port *port_of(QUEUING_PORT_ID_TYPE id)
{
	return id >= 1 && id <= port_count ? &ports[id - 1] : NULL;
}

static QUEUING_PORT_ID_TYPE port_named(const NAME_TYPE name)
{
	for (QUEUING_PORT_ID_TYPE id = 1; id <= port_count; id++)
		if (apex_name_equal(ports[id - 1].name, name))
			return id;
	return 0;
}

/* A TIME_OUT is a duration in ns or INFINITE_TIME_VALUE; any other negative is out of range. */
static bool timeout_valid(SYSTEM_TIME_TYPE timeout)
{
	return timeout >= 0 || timeout == INFINITE_TIME_VALUE;
}

/*
 * Sends the waiting senders' messages, first waiter first, while the queue has room; each one
 * sent is woken with its result in its exchange's value.
 */
static void serve_senders(struct queuing_port *p)
{
	struct apex_process *w;

	while ((w = apex_first_waiter(&p->waiters))) {
		struct apex_wait_exchange *x = apex_exchange(w);
		int32_t n = bh_queuing_send(p->handle, x->buffer, (uint32_t)x->length);

		if (n == BH_ENOSPC)
			return;
		/* else sent, or a message outside the partition's memory (it is not retried) */
		x->value = n == 0 ? NO_ERROR : INVALID_PARAM;
		apex_wake_first(&p->waiters);
	}
}

/* Receives into the waiting receivers' areas, first waiter first, while messages are queued. */
static void serve_receivers(struct queuing_port *p)
{
	struct apex_process *w;

	while ((w = apex_first_waiter(&p->waiters))) {
		struct apex_wait_exchange *x = apex_exchange(w);
		int32_t n = bh_queuing_receive(p->handle, x->buffer, (uint32_t)p->max_message_size, 0);

		if (n == BH_EAGAIN)
			return;
		/* else received, or an area outside the partition's memory (the message stays) */
		x->length = n >= 0 ? n : 0;
		x->value = n >= 0 ? NO_ERROR : INVALID_PARAM;
		apex_wake_first(&p->waiters);
	}
}

static void serve(struct queuing_port *p)
{
	if (p->direction == SOURCE)
		serve_senders(p);
	else
		serve_receivers(p);
}

void apex_ports_changed(void)
{
	for (QUEUING_PORT_ID_TYPE id = 1; id <= port_count; id++)
		serve(&ports[id - 1]);
}

/*
 * With the lock held: the caller found the port full (a sender) or empty (a receiver), with
 * `buffer` and `length` its message or area; it waits up to timeout for apex_ports_changed to do
 * its transfer. Returns the service's code; *length is the length received.
 */
static RETURN_CODE_TYPE wait_for_transfer(struct queuing_port *p, MESSAGE_ADDR_TYPE buffer,
					  MESSAGE_SIZE_TYPE *length, SYSTEM_TIME_TYPE timeout)
{
	struct apex_wait_exchange *x;
	RETURN_CODE_TYPE rc;

	if (timeout == 0)
		return NOT_AVAILABLE;
	if (apex_may_not_wait())
		return INVALID_MODE;
	x = apex_exchange(apex_current());
	x->buffer = buffer;
	x->length = *length;
	rc = apex_wait(&p->waiters, timeout);
	if (rc != NO_ERROR)
		return rc;
	*length = x->length;
	return (RETURN_CODE_TYPE)x->value;
}

void CREATE_QUEUING_PORT(QUEUING_PORT_NAME_TYPE QUEUING_PORT_NAME,
			 MESSAGE_SIZE_TYPE MAX_MESSAGE_SIZE, MESSAGE_RANGE_TYPE MAX_NB_MESSAGE,
			 PORT_DIRECTION_TYPE PORT_DIRECTION,
			 QUEUING_DISCIPLINE_TYPE QUEUING_DISCIPLINE,
			 QUEUING_PORT_ID_TYPE *QUEUING_PORT_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct bh_port_info info;
	int32_t handle;
	struct queuing_port *p;

	apex_lock();
	handle = apex_port_open(QUEUING_PORT_NAME, &info);
	/* the checks in the standard's order: what the deployment says comes first, the mode last */
	if (handle < 0 || info.kind != BH_PORT_QUEUING)
		*RETURN_CODE = INVALID_CONFIG;
	else if (port_named(QUEUING_PORT_NAME))
		*RETURN_CODE = NO_ACTION;
	else if (port_count == SYSTEM_LIMIT_NUMBER_OF_QUEUING_PORTS)
		*RETURN_CODE = INVALID_CONFIG;
	else if (MAX_MESSAGE_SIZE != (MESSAGE_SIZE_TYPE)info.max_message)
		*RETURN_CODE = INVALID_CONFIG;
	else if (MAX_NB_MESSAGE != (MESSAGE_RANGE_TYPE)info.depth)
		*RETURN_CODE = INVALID_CONFIG;
	else if (PORT_DIRECTION != apex_port_direction(&info))
		*RETURN_CODE = INVALID_CONFIG;
	else if (QUEUING_DISCIPLINE != FIFO && QUEUING_DISCIPLINE != PRIORITY)
		*RETURN_CODE = INVALID_CONFIG;
	else if (apex_mode() == NORMAL)
		*RETURN_CODE = INVALID_MODE;
	else {
		p = &ports[port_count++];
		apex_name_copy(p->name, QUEUING_PORT_NAME);
		p->handle = handle;
		p->max_message_size = MAX_MESSAGE_SIZE;
		p->max_nb_message = MAX_NB_MESSAGE;
		p->direction = PORT_DIRECTION;
		apex_wait_queue_init(&p->waiters, QUEUING_DISCIPLINE);
		*QUEUING_PORT_ID = port_count;
		*RETURN_CODE = NO_ERROR;
	}
	apex_unlock();
}

void SEND_QUEUING_MESSAGE(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID, MESSAGE_ADDR_TYPE MESSAGE_ADDR,
			  MESSAGE_SIZE_TYPE LENGTH, SYSTEM_TIME_TYPE TIME_OUT,
			  RETURN_CODE_TYPE *RETURN_CODE)
{
	struct queuing_port *p;
	int32_t n;

	apex_lock();
	p = port_of(QUEUING_PORT_ID);
	if (!p || !timeout_valid(TIME_OUT)) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (LENGTH > p->max_message_size) {
		*RETURN_CODE = INVALID_CONFIG;
	} else if (LENGTH <= 0) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (p->direction != SOURCE) {
		*RETURN_CODE = INVALID_MODE;
	} else {
		serve_senders(p);   /* those waiting go first */
		n = apex_waiting(&p->waiters) ? BH_ENOSPC
			: bh_queuing_send(p->handle, MESSAGE_ADDR, (uint32_t)LENGTH);
		if (n == BH_ENOSPC)
			*RETURN_CODE = wait_for_transfer(p, MESSAGE_ADDR, &LENGTH, TIME_OUT);
		else   /* sent, or a message outside the partition's memory */
			*RETURN_CODE = n == 0 ? NO_ERROR : INVALID_PARAM;
	}
	apex_unlock();
}

void RECEIVE_QUEUING_MESSAGE(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID, SYSTEM_TIME_TYPE TIME_OUT,
			     MESSAGE_ADDR_TYPE MESSAGE_ADDR, MESSAGE_SIZE_TYPE *LENGTH,
			     RETURN_CODE_TYPE *RETURN_CODE)
{
	struct queuing_port *p;
	int32_t n;

	apex_lock();
	p = port_of(QUEUING_PORT_ID);
	if (!p || !timeout_valid(TIME_OUT)) {
		*RETURN_CODE = INVALID_PARAM;
	} else if (p->direction != DESTINATION) {
		*RETURN_CODE = INVALID_MODE;
	} else {
		serve_receivers(p);   /* those waiting go first */
		/* the caller's area holds MAX_MESSAGE_SIZE bytes, as the standard assumes */
		n = apex_waiting(&p->waiters) ? BH_EAGAIN
			: bh_queuing_receive(p->handle, MESSAGE_ADDR, (uint32_t)p->max_message_size, 0);
		*LENGTH = n >= 0 ? n : 0;
		if (n >= 0)
			*RETURN_CODE = NO_ERROR;
		else if (n == BH_EAGAIN)
			*RETURN_CODE = wait_for_transfer(p, MESSAGE_ADDR, LENGTH, TIME_OUT);
		else
			*RETURN_CODE = INVALID_PARAM;
	}
	apex_unlock();
}

void GET_QUEUING_PORT_ID(QUEUING_PORT_NAME_TYPE QUEUING_PORT_NAME,
			 QUEUING_PORT_ID_TYPE *QUEUING_PORT_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	QUEUING_PORT_ID_TYPE id;

	apex_lock();
	id = port_named(QUEUING_PORT_NAME);
	if (id) {
		*QUEUING_PORT_ID = id;
		*RETURN_CODE = NO_ERROR;
	} else {
		*RETURN_CODE = INVALID_CONFIG;
	}
	apex_unlock();
}

void GET_QUEUING_PORT_STATUS(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID,
			     QUEUING_PORT_STATUS_TYPE *QUEUING_PORT_STATUS,
			     RETURN_CODE_TYPE *RETURN_CODE)
{
	struct queuing_port *p;
	struct bh_port_status status;

	apex_lock();
	p = port_of(QUEUING_PORT_ID);
	if (p && bh_port_status(p->handle, &status) == 0) {
		QUEUING_PORT_STATUS->NB_MESSAGE = (MESSAGE_RANGE_TYPE)status.messages;
		QUEUING_PORT_STATUS->MAX_NB_MESSAGE = p->max_nb_message;
		QUEUING_PORT_STATUS->MAX_MESSAGE_SIZE = p->max_message_size;
		QUEUING_PORT_STATUS->PORT_DIRECTION = p->direction;
		QUEUING_PORT_STATUS->WAITING_PROCESSES = apex_waiting(&p->waiters);
		*RETURN_CODE = NO_ERROR;
	} else {
		*RETURN_CODE = INVALID_PARAM;
	}
	apex_unlock();
}

void CLEAR_QUEUING_PORT(QUEUING_PORT_ID_TYPE QUEUING_PORT_ID, RETURN_CODE_TYPE *RETURN_CODE)
{
	struct queuing_port *p;

	apex_lock();
	p = port_of(QUEUING_PORT_ID);
	if (!p)
		*RETURN_CODE = INVALID_PARAM;
	else if (p->direction != DESTINATION)
		*RETURN_CODE = INVALID_MODE;
	else    /* the kernel rings the source, whose senders may then go on */
		*RETURN_CODE = bh_queuing_clear(p->handle) >= 0 ? NO_ERROR : INVALID_PARAM;
	apex_unlock();
}
