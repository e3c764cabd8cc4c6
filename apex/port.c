/* The kernel port behind an APEX port name (apex/sampling.c, apex/queuing.c). */
#include "port.h"

int32_t apex_port_open(const NAME_TYPE name, struct bh_port_info *info)
{
	/* NAME_TYPE need not end in a NUL; the kernel's names do */
	char kernel_name[MAX_NAME_LENGTH + 1];
	uint32_t i;

	for (i = 0; i < MAX_NAME_LENGTH && name[i]; i++)
		kernel_name[i] = name[i];
	kernel_name[i] = '\0';
	return bh_port_open(kernel_name, info);
}

PORT_DIRECTION_TYPE apex_port_direction(const struct bh_port_info *info)
{
	return info->direction == BH_PORT_SOURCE ? SOURCE : DESTINATION;
}
