/* The sampling-port validity rule (public/ports.h), pure so that the host unit tests judge it. */
#ifndef CORE_SAMPLING_H
#define CORE_SAMPLING_H

#include <stdint.h>

/* A sample is valid while its age is at most the channel's refresh period, the period included. */
static inline uint32_t sampling_valid(uint64_t age_ns, uint64_t refresh_ns)
{
	return age_ns <= refresh_ns;
}

#endif
