/* The struct that holds a member, from the member's address (a deadline knows its vcpu so). */
#ifndef LIB_CONTAINER_OF_H
#define LIB_CONTAINER_OF_H

#include <stddef.h>

#define container_of(ptr, type, member) ((type *)(void *)((char *)(ptr) - offsetof(type, member)))

#endif
