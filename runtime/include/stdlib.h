/*
 * <stdlib.h> for partitions: what a freestanding partition can give. No heap (a partition's
 * memory is its image and its stacks; an APEX program's objects are the layer's), no exit: an
 * APEX process ends with STOP_SELF, a partition with SET_PARTITION_MODE(IDLE).
 */
#ifndef BULKHEAD_STDLIB_H
#define BULKHEAD_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

static inline int abs(int v) { return v < 0 ? -v : v; }
static inline long labs(long v) { return v < 0 ? -v : v; }
int atoi(const char *s);
long atol(const char *s);

#endif
