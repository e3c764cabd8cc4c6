/*
 * <limits.h> for partitions: GCC's own, without the host C library's that it would otherwise
 * include next (a partition is freestanding).
 */
#ifndef BULKHEAD_LIMITS_H
#define BULKHEAD_LIMITS_H

#pragma GCC system_header     /* #include_next is GCC's: a system header may use it */

#define _LIBC_LIMITS_H_ 1
#include_next <limits.h>

#endif
