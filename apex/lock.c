/*
 * The layer's one lock, for every vcpu of the partition, that never spins across vcpus.
 *
 * Held, the holder's vcpu has delivery disabled (its shared page's `enabled`), so no upcall of
 * its own runs inside. An upcall on another vcpu never waits for it: it tries once and, finding
 * it taken, leaves its line in its vcpu's `deferred` and asks to be rung (`kick`); a process
 * that finds it taken asks the same and sleeps in the kernel (vint_block, delivery enabled).
 * Whoever releases it rings every vcpu that asked, or whose processes changed meanwhile: a
 * doorbell upcall, which takes the lock and does what was left. The kernel keeps a raised line
 * pending until an upcall takes it, and vint_block returns at once while one is, so a ring is
 * never lost between a look at the lock and the sleep.
 */
#include "core.h"

static bool take(uint32_t me)
{
	uint32_t free = 0;

	return __atomic_compare_exchange_n(&apex_core.owner, &free, me + 1, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/* Frees the lock, then rings each other vcpu that asked; says whether this one asked. */
static bool release(uint32_t me)
{
	bool self = false;

	__atomic_store_n(&apex_core.owner, 0, __ATOMIC_SEQ_CST);
	for (uint32_t v = 0; v < apex_core.partition.vcpu_count; v++) {
		if (!__atomic_exchange_n(&apex_core.vcpu[v].kick, 0, __ATOMIC_SEQ_CST))
			continue;
		if (v == me)
			self = true;
		else
			bh_vint_doorbell(BH_SELF, v);
	}
	return self;
}

void apex_lock(void)
{
	uint32_t me = apex_vcpu_index();
	struct apex_vcpu *v = apex_vcpu_of(me);

	v->info.enabled = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	while (!take(me)) {
		/* ask to be rung, then look again: the holder may have left before it saw the ask */
		__atomic_store_n(&v->kick, 1, __ATOMIC_SEQ_CST);
		if (take(me))
			break;
		v->info.enabled = 1;
		bh_vint_block();
		v->info.enabled = 0;
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	}
	/* a process STOPped (and maybe STARTed again) from another vcpu while it ran here: this
	 * incarnation is over and touches nothing; its vcpu's upcall, rung at the unlock, leaves it */
	if (v->current && (v->current->dormant || v->current->fresh)) {
		apex_kick(me);
		apex_unlock();
		for (;;)
			bh_vint_block();
	}
}

void apex_unlock(void)
{
	uint32_t me = apex_vcpu_index();
	struct apex_vcpu *v = apex_vcpu_of(me);
	bool self = release(me);

	v->info.enabled = 1;
	/* this vcpu's own processes changed: its doorbell's upcall switches, right after the ring */
	if (self)
		bh_vint_doorbell(BH_SELF, me);
	else
		bh_vint_sync(&v->info);
}

bool apex_lock_try(void)
{
	return take(apex_vcpu_index());
}

void apex_lock_release(void)
{
	uint32_t me = apex_vcpu_index();

	/* the upcall has just done this vcpu's work: only the others are rung */
	__atomic_store_n(&apex_core.vcpu[me].kick, 0, __ATOMIC_SEQ_CST);
	release(me);
}

void apex_kick(uint32_t v)
{
	__atomic_store_n(&apex_core.vcpu[v].kick, 1, __ATOMIC_SEQ_CST);
}

void apex_reschedule_all(void)
{
	for (uint32_t v = 0; v < apex_core.partition.vcpu_count && v < APEX_VCPUS; v++)
		apex_kick(v);
}
