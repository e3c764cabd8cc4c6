/* The hypercalls by which a partition starts, stops and restarts its own vcpus (public ABI). */
#ifndef CORE_VCPU_CONTROL_H
#define CORE_VCPU_CONTROL_H

#include <stdint.h>
#include <core/vcpu.h>

int32_t hc_vcpu_up(struct vcpu *v, uint32_t index, uint32_t entry, uint32_t stack);
int32_t hc_vcpu_halt(struct vcpu *v);
int32_t hc_vcpu_pause(struct vcpu *v, uint32_t index);
int32_t hc_vcpu_resume(struct vcpu *v, uint32_t index);
int32_t hc_vcpu_reset(struct vcpu *v, uint32_t index);

#endif
