/* Work one CPU asks of another, and the kick's entry (core_cpu_kicked). See
 * include/core/cpu_mail.h. */
#include <core/cpu_mail.h>
#include <core/cpu.h>
#include <core/vcpu.h>
#include <core/vint.h>
#include <core/ports.h>
#include <core/platform.h>
#include <core/arch.h>
#include <core/dispatch.h>
#include <core/partition.h>
#include <core/exit.h>

#define MAIL_LINES (1u << 0)
#define MAIL_SERVE (1u << 1)
#define MAIL_CALLS (1u << 2)
#define MAIL_HALT  (1u << 3)
#define MAIL_START (1u << 4)
#define MAIL_STOPS (1u << 5)
#define MAIL_LIFECYCLE (1u << 6)
#define MAIL_DECIDE (1u << 7)
#define MAIL_FLUSH_TLB (1u << 8)

/* Marks `what` posted for `to`; the kick only when nothing was posted before (a kick for that is
 * on its way, or taken and not yet answered: the take clears `waiting` before it reads). */
static void post(struct cpu *to, uint32_t what)
{
	if (!__atomic_fetch_or(&to->mail.waiting, what, __ATOMIC_SEQ_CST))
		platform_cpu_kick(to->index);
}

void cpu_mail_lines(struct vcpu *v, uint32_t lines)
{
	struct cpu *to = &cpus[v->cpu];

	__atomic_fetch_or(&to->mail.lines[v->id], lines, __ATOMIC_SEQ_CST);
	post(to, MAIL_LINES);
}

void cpu_mail_serve(uint32_t cpu, uint32_t channel)
{
	struct cpu *to = &cpus[cpu];

	__atomic_fetch_or(&to->mail.serve, 1u << channel, __ATOMIC_SEQ_CST);
	post(to, MAIL_SERVE);
}

int cpu_mail_call(struct vcpu *v, cpu_call_fn *fn, uint32_t a, uint32_t b)
{
	struct cpu *to = &cpus[v->cpu];
	struct cpu_mailbox *m = &to->mail;
	bool full;

	spin_lock(&m->calls_lock);
	full = m->call_count == CPU_MAIL_CALLS;
	if (!full)
		m->calls[m->call_count++] = (struct cpu_call){ fn, v, a, b };
	spin_unlock(&m->calls_lock);
	if (full)
		return -1;
	post(to, MAIL_CALLS);
	return 0;
}

void cpu_mail_halt_others(void)
{
	uint32_t me = this_cpu_index();

	for (uint32_t i = 0; i < CONFIG_MAX_CPUS; i++)
		if (i != me && cpus[i].online)
			post(&cpus[i], MAIL_HALT);
}

void cpu_mail_stop(struct vcpu *v, uint32_t state)
{
	struct cpu *to = &cpus[v->cpu];

	__atomic_store_n(&to->mail.stops[v->id], state + 1, __ATOMIC_SEQ_CST);
	post(to, MAIL_STOPS);
}

void cpu_mail_lifecycle(struct partition *p, uint32_t request)
{
	struct cpu *to = &cpus[partition_home_cpu(p)];
	uint32_t *slot = &to->mail.lifecycle[p->id], was = __atomic_load_n(slot, __ATOMIC_SEQ_CST);

	while (was < request &&
	       !__atomic_compare_exchange_n(slot, &was, request, false, __ATOMIC_SEQ_CST,
					    __ATOMIC_SEQ_CST))
		;
	post(to, MAIL_LIFECYCLE);
}

void cpu_mail_flush_tlb(uint32_t cpu)
{
	post(&cpus[cpu], MAIL_FLUSH_TLB);
}

void cpu_mail_decide(uint32_t cpu)
{
	post(&cpus[cpu], MAIL_DECIDE);
}

void cpu_mail_start(uint32_t cpu)
{
	post(&cpus[cpu], MAIL_START);
}

static void take_stops(struct cpu_mailbox *m)
{
	for (uint32_t id = 0; id < CONFIG_MAX_VCPUS; id++) {
		uint32_t state = __atomic_exchange_n(&m->stops[id], 0, __ATOMIC_SEQ_CST);

		if (state)
			partition_vcpu_stopped_elsewhere(vcpu_from_id(id), state - 1);
	}
}

static void take_calls(struct cpu_mailbox *m)
{
	struct cpu_call calls[CPU_MAIL_CALLS];
	uint32_t n;

	/* copied out first: a call may post to this very box (a restart asking for its acks) */
	spin_lock(&m->calls_lock);
	n = m->call_count;
	for (uint32_t i = 0; i < n; i++)
		calls[i] = m->calls[i];
	m->call_count = 0;
	spin_unlock(&m->calls_lock);
	/* a stop posted before these calls (a restart's, then the restarted vcpu's vcpu_up) comes
	 * first, even when it arrived after this take began */
	take_stops(m);
	for (uint32_t i = 0; i < n; i++)
		calls[i].fn(calls[i].v, calls[i].a, calls[i].b);
}

void cpu_mail_take(struct cpu *c)
{
	struct cpu_mailbox *m = &c->mail;
	uint32_t what = __atomic_exchange_n(&m->waiting, 0, __ATOMIC_SEQ_CST);

	c->kicks++;
	if (what & MAIL_HALT)
		arch_halt();
	if (what & MAIL_START)
		dispatch_cpu_start(c);
	/* first: nothing of this CPU's runs on the old translations past this kick */
	if (what & MAIL_FLUSH_TLB)
		arch_flush_tlb();
	if (what & MAIL_STOPS)
		take_stops(m);
	if (what & MAIL_LIFECYCLE)
		for (uint32_t id = 0; id < CONFIG_MAX_PARTITIONS; id++) {
			uint32_t request = __atomic_exchange_n(&m->lifecycle[id], 0, __ATOMIC_SEQ_CST);

			if (request)
				partition_carry_out(&partitions[id], request);
		}
	if (what & MAIL_LINES)
		for (uint32_t id = 0; id < CONFIG_MAX_VCPUS; id++) {
			uint32_t lines = __atomic_exchange_n(&m->lines[id], 0, __ATOMIC_SEQ_CST);

			for (uint32_t l = 0; lines >> l; l++)
				if (lines & (1u << l))
					vint_raise(vcpu_from_id(id), l);
		}
	if (what & MAIL_SERVE) {
		uint32_t serve = __atomic_exchange_n(&m->serve, 0, __ATOMIC_SEQ_CST);

		for (uint32_t ch = 0; serve >> ch; ch++)
			if (serve & (1u << ch))
				ports_serve_here(ch);
	}
	if (what & MAIL_CALLS)
		take_calls(m);
	if (what & MAIL_DECIDE)
		cpu_ask_decision(c, false);
}

void core_cpu_kicked(void)
{
	cpu_mail_take(this_cpu());
	exit_step();
}
