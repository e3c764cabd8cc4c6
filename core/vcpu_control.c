/*
 * A partition's control of its own vcpus: the vcpu_up, halt, pause, resume and reset hypercalls.
 * A sibling on another CPU is changed by its own CPU (core/cpu_mail.h): the call is checked here
 * against the state it had when asked, and carried out there at that CPU's next exit step, where
 * the same check is made again against the state it has then.
 */
#include <core/vcpu_control.h>
#include <core/partition.h>
#include <core/guest.h>
#include <core/vint.h>

static struct vcpu *sibling(struct vcpu *v, uint32_t index)
{
	return index < v->partition->vcpu_count ? v->partition->vcpus[index] : NULL;
}

/* fn(t, a, b) on t's CPU: now if that is this one. 0, or BH_EBUSY if t's CPU has too much mail. */
static int32_t on_its_cpu(struct vcpu *t, cpu_call_fn *fn, uint32_t a, uint32_t b)
{
	if (t->cpu == this_cpu_index()) {
		fn(t, a, b);
		return 0;
	}
	return cpu_mail_call(t, fn, a, b) ? BH_EBUSY : 0;
}

static void up(struct vcpu *t, uint32_t entry, uint32_t stack)
{
	if (t->state != VCPU_DOWN)
		return;
	vint_reset(t);
	vcpu_initialize(t, entry, stack);
	vcpu_set_state(t, VCPU_RUNNABLE);
}

int32_t hc_vcpu_up(struct vcpu *v, uint32_t index, uint32_t entry, uint32_t stack)
{
	struct vcpu *t = sibling(v, index);

	if (!t)
		return BH_EINVAL;
	if (t->state != VCPU_DOWN)
		return BH_EBUSY;
	/* the stack grows down from `stack`: its top may be the end of memory */
	if (!guest_ptr(v->partition, entry, 1) || !guest_ptr(v->partition, stack - 4, 4))
		return BH_EFAULT;
	return on_its_cpu(t, up, entry, stack);
}

int32_t hc_vcpu_halt(struct vcpu *v)
{
	/* halted until a restart or a sibling's vcpu_reset: its timer would only interrupt windows */
	vcpu_stop(v, VCPU_HALTED);
	vint_reset(v);
	return 0;
}

static void pause(struct vcpu *t, uint32_t a, uint32_t b)
{
	(void)a;
	(void)b;
	if (t->state == VCPU_RUNNABLE || t->state == VCPU_RUNNING || t->state == VCPU_BLOCKED)
		vcpu_stop(t, VCPU_PAUSED);
}

int32_t hc_vcpu_pause(struct vcpu *v, uint32_t index)
{
	struct vcpu *t = sibling(v, index);

	if (!t || t == v)
		return BH_EINVAL;
	/* on another CPU it may be running */
	if (t->state != VCPU_RUNNABLE && t->state != VCPU_BLOCKED &&
	    !(t->state == VCPU_RUNNING && t->cpu != v->cpu))
		return BH_EBUSY;
	return on_its_cpu(t, pause, 0, 0);
}

static void resume(struct vcpu *t, uint32_t a, uint32_t b)
{
	(void)a;
	(void)b;
	if (t->state == VCPU_PAUSED)
		vcpu_set_state(t, VCPU_RUNNABLE);
}

int32_t hc_vcpu_resume(struct vcpu *v, uint32_t index)
{
	struct vcpu *t = sibling(v, index);

	if (!t || t == v)
		return BH_EINVAL;
	if (t->state != VCPU_PAUSED)
		return BH_EBUSY;
	return on_its_cpu(t, resume, 0, 0);
}

static void reset(struct vcpu *t, uint32_t a, uint32_t b)
{
	(void)a;
	(void)b;
	vcpu_stop(t, VCPU_DOWN);
	vint_reset(t);
	vcpu_initialize(t, 0, 0);
}

int32_t hc_vcpu_reset(struct vcpu *v, uint32_t index)
{
	struct vcpu *t = sibling(v, index);

	if (!t || t == v)
		return BH_EINVAL;
	return on_its_cpu(t, reset, 0, 0);
}
