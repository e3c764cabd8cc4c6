/* Kernel symbol names for backtraces, embedded by a second link (tools/ksyms.sh). */
#ifndef CORE_KSYMS_H
#define CORE_KSYMS_H

#include <stdint.h>

/* The function containing addr and the offset into it, or NULL. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);

#endif
