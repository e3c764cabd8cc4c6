/* A partition's protection of its own pages (BH_HC_MEMORY_PROTECT, public/hypercall.h). */
#ifndef CORE_MEMORY_PROTECT_H
#define CORE_MEMORY_PROTECT_H

#include <stdint.h>
#include <core/vcpu.h>

int32_t hc_memory_protect(struct vcpu *v, uint32_t addr, uint32_t len, uint32_t prot);

#endif
