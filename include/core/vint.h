/* Virtual interrupts: lines pending on a vcpu, delivered as upcalls on its way back to ring 3. */
#ifndef CORE_VINT_H
#define CORE_VINT_H

#include <stdint.h>
#include <stdbool.h>
#include <core/vcpu.h>
#include <core/cpu.h>
#include <core/guest_time.h>
#include <public/vint.h>

/* The mask and the enable flag in force: the shared page's when the vcpu registered one (read
 * each time: the partition writes them there without a hypercall), else the kernel's own. */
static inline uint32_t vint_mask_of(const struct vcpu *v)
{
	return v->vint.info ? v->vint.info->mask : v->vint.mask;
}

/* Marks `line` pending on v (and in its shared page) and wakes v if it blocks waiting for it.
 * Inline: every window start raises a line on each of the partition's vcpus. */
static inline void vint_raise(struct vcpu *v, uint32_t line)
{
	/* a vcpu of another CPU: that CPU raises it (its state is its own) */
	if (__builtin_expect(v->cpu != this_cpu_index(), 0)) {
		cpu_mail_lines(v, 1u << line);
		return;
	}
	v->vint.pending |= 1u << line;
	if (v->vint.info)
		v->vint.info->pending = v->vint.pending;
	/* a vcpu in vint_block waits for any unmasked line; one in a receive waits for a message */
	if (v->state == VCPU_BLOCKED && !v->wait.port && !(vint_mask_of(v) & (1u << line)))
		vcpu_wake(v, 0);
}


/* A window of v's partition starts: the window-start line, and the time in its page. Inline:
 * every window start runs it for each of the partition's vcpus. */
static inline void vint_window_start(struct vcpu *v)
{
	if (v->vint.info)
		guest_time_write(v->vint.info);
	vint_raise(v, BH_VINT_WINDOW_START);
}

/* Back to the state of a vcpu that never ran: no line pending or masked, delivery off, no
 * upcall or shared page, the timer off, no fault held (core/health.c). */
void vint_reset(struct vcpu *v);
/* The expiry of v->timer.expiry: raises the timer line, and rearms a periodic timer. */
void vint_timer_expired(struct deadline *d, tick32_t now);
/* Enters the upcall for v's lowest pending line, once vint_exit_check has found that v may take
 * one now (a line pending and unmasked, delivery enabled; with a shared page, if the page's mask
 * and flag agree). */
void vint_deliver(struct vcpu *v);
/* "timer", "window start", ... for reports; "?" for no such line. */
const char *vint_line_name(uint32_t line);
/* A periodic timer reached its deadline at `now`: the next one on its grid, periods missed
 * counted. */
void vint_timer_rearm(struct vcpu_timer *t, tick32_t now);

int32_t hc_vint_set_upcall(struct vcpu *v, uint32_t entry, uint32_t stack);
int32_t hc_vint_enable(struct vcpu *v, uint32_t on);
int32_t hc_vint_mask(struct vcpu *v, uint32_t line, uint32_t masked);
int32_t hc_vint_doorbell(struct vcpu *v, uint32_t partition, uint32_t index);
int32_t hc_vint_set_timer(struct vcpu *v, uint32_t period_low, uint32_t period_high,
			  uint32_t first_low, uint32_t first_high);
int32_t hc_vint_block(struct vcpu *v);
int32_t hc_vint_return(struct vcpu *v, uint32_t frame);
int32_t hc_vint_set_info(struct vcpu *v, uint32_t info);

/* Inline on every exit: the common case (nothing deliverable) costs a few loads and no call.
 * `enabled` is also clear while an upcall runs, so it covers the no-nesting rule. Returns whether
 * it tried a delivery. */
static inline bool vint_exit_check(struct vcpu *v)
{
	if (!v || !v->vint.enabled || !(v->vint.pending & ~v->vint.mask))
		return false;
	vint_deliver(v);
	return true;
}

#endif
