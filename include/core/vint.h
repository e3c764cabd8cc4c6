/* Virtual interrupts: lines pending on a vcpu, delivered as upcalls on its way back to ring 3. */
#ifndef CORE_VINT_H
#define CORE_VINT_H

#include <stdint.h>
#include <core/vcpu.h>
#include <core/dispatch.h>
#include <public/vint.h>

/* Marks `line` pending on v and wakes v if it blocks waiting for it. Inline: every window start
 * raises a line on each of the partition's vcpus. */
static inline void vint_raise(struct vcpu *v, uint32_t line)
{
	v->arch.irq.pending |= 1u << line;
	/* a vcpu in vint_block waits for any unmasked line; one in a receive waits for a message */
	if (v->state == VCPU_BLOCKED && !v->wait.port && !(v->arch.irq.mask & (1u << line)))
		vcpu_wake(v, 0);
}
/* Enters the upcall for v's lowest pending line, once vint_exit_check has found that v may take
 * one now (a line pending and unmasked, delivery enabled). */
void vint_deliver(struct vcpu *v);
/* "timer", "window start", ... for reports; "?" for no such line. */
const char *vint_line_name(uint32_t line);
/* A periodic timer reached its deadline at `now`: the next one on its grid, periods missed counted. */
void vint_timer_rearm(struct vcpu_timer *t, tick32_t now);

/* v's timer expired at `now` (tick32_deadline_reached said so): raises its line, and rearms a
 * periodic timer. */
static inline void vint_timer_expired(struct vcpu *v, tick32_t now)
{
	struct vcpu_timer *t = &v->timer;

	if (t->period)
		vint_timer_rearm(t, now);
	/* an expiry not yet delivered absorbs this one: count it as missed */
	if (v->arch.irq.pending & (1u << BH_VINT_TIMER))
		t->missed++;
	vint_raise(v, BH_VINT_TIMER);
}

int32_t hc_vint_set_upcall(struct vcpu *v, uint32_t entry, uint32_t stack);
int32_t hc_vint_enable(struct vcpu *v, uint32_t on);
int32_t hc_vint_mask(struct vcpu *v, uint32_t line, uint32_t masked);
int32_t hc_vint_doorbell(struct vcpu *v, uint32_t partition, uint32_t index);
int32_t hc_vint_set_timer(struct vcpu *v, uint64_t period_ns, uint64_t first_ns);
int32_t hc_vint_block(struct vcpu *v);
int32_t hc_vint_return(struct vcpu *v);

/* Inline on every exit: the common case (nothing deliverable) costs a few loads and no call.
 * `enabled` is also clear while an upcall runs, so it covers the no-nesting rule. */
static inline void vint_exit_check(struct vcpu *v)
{
	if (v && (v->arch.irq.pending & ~v->arch.irq.mask) && v->arch.irq.enabled)
		vint_deliver(v);
}

#endif
