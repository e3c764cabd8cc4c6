/*
 * Bulkhead public ABI: ARINC 653 ports.
 * A channel in the deployment connects one source partition to its destinations. Each end opens
 * the channel's port by name once (port_open) and uses the handle from then on. The kernel copies
 * every message; no partition ever sees another's memory.
 *   Sampling: the last message written, read any number of times; a read tells its age and whether
 *   it is still valid (age <= the channel's refresh period).
 *   Queuing: FIFO of at most `depth` messages, one destination; a send to a full queue fails with
 *   BH_ENOSPC, a receive from an empty one fails with BH_EAGAIN or blocks up to a timeout. A
 *   receive or a clear that makes room in a full queue raises BH_VINT_PORT on the source's vcpu 0.
 */
#ifndef BULKHEAD_PUBLIC_PORTS_H
#define BULKHEAD_PUBLIC_PORTS_H

#include "types.h"

#define BH_PORT_NAME_MAX 32          /* including the terminating NUL */
#define BH_WAIT_FOREVER 0xffffffffu  /* queuing_receive timeout */

enum bh_port_kind {
	BH_PORT_SAMPLING = 1,
	BH_PORT_QUEUING = 2,
};

enum bh_port_direction {
	BH_PORT_SOURCE = 1,
	BH_PORT_DESTINATION = 2,
};

struct bh_port_info {
	uint32_t kind;             /* enum bh_port_kind */
	uint32_t direction;        /* enum bh_port_direction */
	uint32_t max_message;
	uint32_t depth;            /* queuing */
	uint64_t refresh_ns;       /* sampling */
};

struct bh_sample_info {
	uint64_t age_ns;           /* since the message was written */
	uint32_t valid;            /* 1 while age_ns <= refresh period */
	uint32_t length;
};

/* port_status: what a port holds now, at either end. */
struct bh_port_status {
	uint32_t messages;         /* queuing: messages queued; sampling: 1 once written, else 0 */
	uint32_t last_length;      /* sampling: the last message's length (queuing: 0) */
	uint64_t last_write_ns;    /* sampling: when it was written, on get_time's clock */
};

#endif
