/*
 * Work one CPU asks of another (docs/smp.md): a CPU never changes a vcpu, a deadline or a slot of
 * another CPU's. It posts the request in that CPU's mailbox and kicks it (an IPI); the kicked CPU
 * takes its mail and carries it out in its own exit step, as if its own vcpus had asked. Posting
 * never waits for the other CPU: lines and channels are bits ORed in, and the few rarer requests
 * (a sibling's vcpu control, a partition's stop or restart) are calls in a short ring whose lock
 * is held only to copy one entry.
 */
#ifndef CORE_CPU_MAIL_H
#define CORE_CPU_MAIL_H

#include <stdint.h>
#include <stdbool.h>
#include <core/limits.h>
#include <core/spinlock.h>

struct vcpu;
struct cpu;

/* A request carried out on the vcpu's CPU: fn(v, a, b). */
typedef void cpu_call_fn(struct vcpu *v, uint32_t a, uint32_t b);

#define CPU_MAIL_CALLS 16

struct cpu_mailbox {
	uint32_t waiting;                      /* MAIL_* bits: what was posted since the last take */
	uint32_t serve;                        /* bit c: queuing channel c has news for a receiver */
	uint32_t lines[CONFIG_MAX_VCPUS];      /* by vcpu pool id: lines to raise on it */
	uint32_t stops[CONFIG_MAX_VCPUS];      /* by vcpu pool id: a stop, as its state + 1 */
	uint32_t lifecycle[CONFIG_MAX_PARTITIONS];   /* by partition id: enum partition_request */
	struct spinlock calls_lock;
	uint32_t call_count;
	struct cpu_call {
		cpu_call_fn *fn;
		struct vcpu *v;
		uint32_t a, b;
	} calls[CPU_MAIL_CALLS];
};

/* Raises `lines` on v, a vcpu of another CPU. */
void cpu_mail_lines(struct vcpu *v, uint32_t lines);
/* Queuing channel `channel` has a message for a receiver that may wait on CPU `cpu`. */
void cpu_mail_serve(uint32_t cpu, uint32_t channel);
/* fn(v, a, b) on v's CPU, at its next exit step. 0, or -1 when its ring is full (the caller
 * reports BH_EBUSY: a flood of requests cannot grow the kernel's work on the other CPU). */
int cpu_mail_call(struct vcpu *v, cpu_call_fn *fn, uint32_t a, uint32_t b);
/* v, a vcpu of another CPU, stopped in `state` (enum vcpu_state) there: the stop of a partition
 * that spans CPUs (core/partition.c). Never lost: a later stop replaces an earlier one. */
void cpu_mail_stop(struct vcpu *v, uint32_t state);
/* A restart or stop of p (enum partition_request) for p's first CPU; the strongest asked wins. */
struct partition;
void cpu_mail_lifecycle(struct partition *p, uint32_t request);
/* CPU `cpu` forgets the translations its TLB holds (a partition it runs changed its pages). */
void cpu_mail_flush_tlb(uint32_t cpu);
/* CPU `cpu` decides again (something it waits for has come). */
void cpu_mail_decide(uint32_t cpu);
/* CPU `cpu`'s dispatcher starts (dispatch_cpu_start there): the boot CPU has prepared it. */
void cpu_mail_start(uint32_t cpu);
/* Every other CPU stops for good (shutdown, panic): each halts when it takes its mail. */
void cpu_mail_halt_others(void);
/* The kicked CPU's part: carries out what its mailbox holds (from the kick's entry). */
void cpu_mail_take(struct cpu *c);

#endif
