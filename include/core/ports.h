/* Sampling and queuing ports between partitions (see include/public/ports.h). */
#ifndef CORE_PORTS_H
#define CORE_PORTS_H

#include <stdint.h>
#include <core/vcpu.h>

void ports_init(void);
/* Forgets a partition's open handles (it restarts cold and opens them again). */
void ports_reset(struct partition *p);
/* Queuing channel `channel`'s receivers blocked on this CPU get its messages (another CPU's
 * send told it: core/cpu_mail.c). */
void ports_serve_here(uint32_t channel);

int32_t hc_port_open(struct vcpu *v, uint32_t name, uint32_t info);
int32_t hc_sampling_write(struct vcpu *v, uint32_t handle, uint32_t buf, uint32_t len);
int32_t hc_sampling_read(struct vcpu *v, uint32_t handle, uint32_t buf, uint32_t size,
			 uint32_t info);
int32_t hc_queuing_send(struct vcpu *v, uint32_t handle, uint32_t buf, uint32_t len);
int32_t hc_queuing_receive(struct vcpu *v, uint32_t handle, uint32_t buf, uint32_t size,
			   uint32_t timeout_us);
int32_t hc_port_status(struct vcpu *v, uint32_t handle, uint32_t out);
int32_t hc_queuing_clear(struct vcpu *v, uint32_t handle);

#endif
