/*
 * The narrow interface between core and arch: what core asks of the arch layer (arch_*), and what
 * the arch layer calls in core when something happens (core_*). Core never touches registers or
 * ports itself; the arch never looks inside core's objects beyond struct vcpu's arch part and the
 * partition's address space.
 */
#ifndef CORE_ARCH_H
#define CORE_ARCH_H

#include <stdint.h>
#include <stdbool.h>
#include <arch_vcpu.h>

struct vcpu;
struct partition;

/* --- provided by the arch --- */

/* The serial console, before anything else (so even a wrong boot can be reported). */
void arch_early_init(void);
/* Descriptor tables, interrupt controller, timer, paging, FPU. */
void arch_init(void);
/* Leaves the kernel into the current vcpu (or the idle loop). */
void arch_return_to_guest(void) __attribute__((noreturn));
/* Stops the CPU for good, without an exit code. */
void arch_halt(void) __attribute__((noreturn));

/*
 * The platform clock and timer, inline from the arch (hpet.h):
 *   uint64_t arch_clock_now(void): monotonic clock in ticks of the platform timer, 0 at boot
 *     (unless arch_clock_set moved it forward, before the schedule started);
 *   uint32_t arch_clock_now32(void): its low half, the dispatcher's time (core/tick32.h);
 *   uint32_t arch_timer_deadline(void): the deadline the timer was last set for;
 *   bool arch_timer_set(uint32_t deadline, uint32_t now): the one-shot timer, an interrupt when
 *     the clock's low half reaches `deadline` (less than 2^31 ticks ahead). Returns false when
 *     the deadline has already passed (the caller handles the event itself). `now` is the clock
 *     the caller last read; a deadline far enough past it is not checked again.
 */
#include <hpet.h>
uint64_t arch_clock_ticks_to_ns(uint64_t ticks);
uint64_t arch_clock_ns_to_ticks(uint64_t ns);
/* Sets the clock (before the schedule starts): clock_wrap_in_ms= tests the low half's wrap. */
void arch_clock_set(uint64_t ticks);
/* Until now the timer was parked; the dispatcher's first deadline comes next, near `clock`. */
void arch_timer_start(uint64_t clock);
/* A short description for the boot banner, e.g. "HPET 100000000 Hz one-shot". */
const char *arch_timer_describe(void);

/* The CPU's protection features for the boot banner, e.g. "UMIP on". */
const char *arch_cpu_describe(void);

/* The console, a character or a run of n bytes at a time, written as they are (line ends are the
 * caller's), waiting for the port. */
void arch_console_putc(char c);
void arch_console_write(const char *s, uint32_t n);
/* Up to n bytes, only as many as the console port takes without waiting (0 while busy). */
uint32_t arch_console_write_some(const char *s, uint32_t n);
/* For tests: the ports' status follows a transmitter of `baud` bits per second (8N1, a 16-byte
 * FIFO) modelled from the clock, so that waiting on them costs what a real line costs. */
void arch_console_model(uint32_t baud);
/*
 * The schedule trace's own port (core/trace.c): takes up to `len` bytes only if it can without
 * waiting, and returns how many it took (0 while busy).
 */
uint32_t arch_trace_write(const void *buf, uint32_t len);

/* Machine exits: on QEMU through the debug-exit device; on hardware the CPU halts. */
void arch_shutdown(void) __attribute__((noreturn));
void arch_panic_exit(void) __attribute__((noreturn));

/*
 * Address spaces: a partition's tables map [BH_PARTITION_BASE, +size) user-accessible to its
 * physical memory, page by page with the access arch_aspace_protect gives, and the kernel
 * supervisor-only. `slot` is the partition's index.
 */
struct arch_aspace {
	uint32_t page_directory;   /* physical address loaded into CR3 (PAE: the PDPT) */
	uint64_t *directory;       /* the partition's own page directory */
	uint64_t *layout, *live;   /* its pages: as laid out, as changed since (if `changed`) */
	uint32_t base, size;       /* the physical memory */
	bool changed;
};
/* Builds the tables with every page of the memory unmapped. */
void arch_aspace_build(struct arch_aspace *as, unsigned int slot, uint32_t phys, uint32_t size);
/*
 * Gives the pages [offset, offset + len) of the memory (page aligned, inside it) the access
 * `prot` (BH_PROT_* of public/hypercall.h; BH_PROT_NONE unmaps them); without no-execute in the
 * CPU every mapped page is executable. arch_aspace_layout sets the layout, before the partition
 * runs; arch_aspace_protect changes the access at once, the first time on a copy of the layout;
 * arch_aspace_reset puts the layout back (cheap: a restart does it).
 */
void arch_aspace_layout(struct arch_aspace *as, uint32_t offset, uint32_t len, uint32_t prot);
void arch_aspace_protect(struct arch_aspace *as, uint32_t offset, uint32_t len, uint32_t prot);
void arch_aspace_reset(struct arch_aspace *as);
/* "PAE, no-execute on, SMEP on, SMAP on" (or absent), for the boot banner. */
const char *arch_paging_describe(void);
/* Kernel view of partition memory: the kernel maps all RAM 1:1. */
static inline void *arch_phys_to_virt(uint32_t phys)
{
	return (void *)(uintptr_t)phys;
}

/* void arch_switch_to(struct arch_vcpu *next, const struct arch_aspace *as), inline: */
#include <arch_switch.h>
/* The deepest the vcpu's kernel stack has been, in bytes (of ARCH_KERNEL_STACK_SIZE). */
uint32_t arch_vcpu_stack_used(const struct vcpu *v);
/* Forgets any FPU state the vcpu holds in the CPU (its partition restarts or stops). */
void arch_vcpu_drop_fpu(const struct vcpu *v);

/* Names of a CPU exception, for reports: "page fault" and "PF". */
const char *arch_exception_name(uint32_t vector);
const char *arch_exception_mnemonic(uint32_t vector);
#define ARCH_VECTOR_PAGE_FAULT 14
/* A page fault's error code: the page was present (a protection fault), a write, from user mode
 * (not a supervisor access, as the CPU's own implicit ones are), a fetch. */
#define ARCH_PF_PRESENT 0x1u
#define ARCH_PF_WRITE 0x2u
#define ARCH_PF_USER 0x4u
#define ARCH_PF_FETCH 0x10u

/* For the panic report: the registers of a frame and a backtrace from it (NULL: from here). */
void arch_dump_context(const context_t *ctx);
void arch_backtrace(const context_t *ctx);

/* --- provided by core, called by the arch --- */

void kernel_main(void);
/* The platform timer fired. */
void core_timer_event(void);
/* A hypercall from the running vcpu; its context holds the number and arguments. */
void core_hypercall(context_t *ctx);
/* The running vcpu's hypercall is a yield (BH_HC_YIELD): the gate's shortcut to the dispatcher. */
void core_yield(void);
/* An exception raised by the running vcpu in ring 3. */
void core_guest_exception(context_t *ctx, uint32_t fault_address);

#endif
