/*
 * The vcpu pool. Every vcpu of every partition is a slot of one static array sized at build time;
 * slots are handed out in order at partition_init and never given back. A restarted partition
 * reuses its own vcpus.
 */
#include <core/vcpu.h>
#include <core/partition.h>
#include <core/vint.h>
#include <core/debug_info.h>

static struct vcpu vcpu_pool[CONFIG_MAX_VCPUS];
static uint32_t pool_used;
DEBUG_ARRAY(vcpu_pool, vcpu_pool);
DEBUG_SYMBOL(pool_used, pool_used);

struct vcpu *alloc_vcpu(struct partition *p, uint32_t index)
{
	struct vcpu *v, **tail;

	/* ids inside a partition are dense: vcpu n exists only after 0 .. n-1 */
	if (index != p->vcpu_count || index >= CONFIG_MAX_VCPUS_PER_PARTITION)
		return NULL;
	if (pool_used == CONFIG_MAX_VCPUS)
		return NULL;
	v = &vcpu_pool[pool_used];
	alloc_vcpu_struct(v);
	v->id = pool_used;
	v->index = index;
	v->partition = p;
	/* not in its partition's runnable bitmap: the scheduler has not seen it yet */
	v->state = VCPU_DOWN;
	v->next_in_list = NULL;
	v->priority = 0;
	deadline_init(&v->wait.timeout, vcpu_wait_timed_out);
	deadline_init(&v->timer.expiry, vint_timer_expired);
	vcpu_initialize(v, 0, 0);

	for (tail = &p->vcpu_list; *tail; tail = &(*tail)->next_in_list)
		;
	*tail = v;
	p->vcpus[index] = v;
	p->vcpu_count++;
	pool_used++;
	return v;
}

struct vcpu *vcpu_from_id(uint32_t id)
{
	return id < pool_used ? &vcpu_pool[id] : NULL;
}

uint32_t vcpu_pool_used(void)
{
	return pool_used;
}

const char *vcpu_state_name(enum vcpu_state s)
{
	static const char *const names[] = { "DOWN", "RUNNABLE", "RUNNING", "BLOCKED", "PAUSED",
					     "HALTED" };

	return (unsigned int)s < sizeof(names) / sizeof(names[0]) ? names[s] : "?";
}
