/*
 * The time a partition reads without a hypercall: its shared vcpu page (public/vint.h) holds a
 * pair (cycle counter, ns since boot) taken together and the scale from cycles to ns, measured
 * against the platform clock over the whole run so far.
 */
#ifndef CORE_GUEST_TIME_H
#define CORE_GUEST_TIME_H

#include <stdint.h>
#include <public/vint.h>

/* Takes the origin of the measure (at boot, as early as the clock runs). */
void guest_time_start(void);
/* Writes the time into a vcpu's page, under its version count. */
void guest_time_write(struct bh_vcpu_info *info);
/* The scale ns = (cycles << *shift) * *mul >> 32 (a negative shift shifts right) of a measure of
 * `ns` nanoseconds over `cycles` cycles. Pure, for the host tests. */
void guest_time_scale(uint64_t ns, uint64_t cycles, uint32_t *mul, int32_t *shift);
/* get_time(struct bh_time *out): the same time through a hypercall. */
struct vcpu;
int32_t hc_get_time(struct vcpu *v, uint32_t out);

#endif
