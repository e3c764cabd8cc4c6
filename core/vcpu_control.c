/* A partition's control of its own vcpus: the vcpu_up, halt, pause, resume and reset hypercalls. */
#include <core/vcpu_control.h>
#include <core/partition.h>
#include <core/guest.h>
#include <core/vint.h>

static struct vcpu *sibling(struct vcpu *v, uint32_t index)
{
	return index < v->partition->vcpu_count ? v->partition->vcpus[index] : NULL;
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
	vint_reset(t);
	vcpu_initialize(t, entry, stack);
	vcpu_set_state(t, VCPU_RUNNABLE);
	return 0;
}

int32_t hc_vcpu_halt(struct vcpu *v)
{
	/* halted until a restart or a sibling's vcpu_reset: its timer would only interrupt windows */
	vcpu_stop(v, VCPU_HALTED);
	vint_reset(v);
	return 0;
}

int32_t hc_vcpu_pause(struct vcpu *v, uint32_t index)
{
	struct vcpu *t = sibling(v, index);

	if (!t || t == v)
		return BH_EINVAL;
	if (t->state != VCPU_RUNNABLE && t->state != VCPU_BLOCKED)
		return BH_EBUSY;
	vcpu_stop(t, VCPU_PAUSED);
	return 0;
}

int32_t hc_vcpu_resume(struct vcpu *v, uint32_t index)
{
	struct vcpu *t = sibling(v, index);

	if (!t || t == v)
		return BH_EINVAL;
	if (t->state != VCPU_PAUSED)
		return BH_EBUSY;
	vcpu_set_state(t, VCPU_RUNNABLE);
	return 0;
}

int32_t hc_vcpu_reset(struct vcpu *v, uint32_t index)
{
	struct vcpu *t = sibling(v, index);

	if (!t || t == v)
		return BH_EINVAL;
	vcpu_stop(t, VCPU_DOWN);
	vint_reset(t);
	vcpu_initialize(t, 0, 0);
	return 0;
}
