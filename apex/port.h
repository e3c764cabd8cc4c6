/*
 * What the sampling and queuing port services share: opening the kernel's port behind an APEX
 * port name. Internal to the APEX layer.
 */
#ifndef APEX_PORT_H
#define APEX_PORT_H

#include <stdbool.h>
#include "internal.h"

/*
 * Opens the kernel port the deployment names `name` for this partition: its handle, and in
 * *info what the deployment's channel says (kind, direction, sizes, refresh); a negative
 * BH_E* when the deployment gives this partition no port of that name.
 */
int32_t apex_port_open(const NAME_TYPE name, struct bh_port_info *info);

/* The APEX direction of a kernel port. */
PORT_DIRECTION_TYPE apex_port_direction(const struct bh_port_info *info);

#endif
