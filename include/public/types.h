/* Bulkhead public ABI: fixed-width types, without depending on a C library. */
#ifndef BULKHEAD_PUBLIC_TYPES_H
#define BULKHEAD_PUBLIC_TYPES_H

#include <stdint.h>   /* freestanding: provided by the compiler */

#endif
