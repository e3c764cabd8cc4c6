/*
 * The narrow interface between core and arch: what core asks of the arch layer (arch_*), and what
 * the arch layer calls in core when something happens (core_*). Core never touches registers or
 * ports itself; the arch never looks inside core's objects beyond struct vcpu's arch part and the
 * partition's address space. The machine's devices are the platform's: core/platform.h.
 */
#ifndef CORE_ARCH_H
#define CORE_ARCH_H

#include <stdint.h>
#include <stdbool.h>
#include <arch_vcpu.h>

struct vcpu;
struct partition;

/* --- provided by the arch --- */

/* Descriptor tables, paging, CPU features, FPU. */
void arch_init(void);
/* Leaves the kernel into the current vcpu (or the idle loop), past the exit step. */
void arch_return_to_guest(void) __attribute__((noreturn));
/* Stops the CPU for good, without an exit code. */
void arch_halt(void) __attribute__((noreturn));

/* The CPU's protection features for the boot banner, e.g. "UMIP on". */
const char *arch_cpu_describe(void);

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
	uint64_t *shared;          /* the pages of its shared window (public/shm.h) */
	uint16_t io_map;           /* the TSS's I/O bitmap offset while it runs (ARCH_NO_PORTS) */
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
/* Maps [offset, offset + len) of the shared window (page aligned, inside it) to the physical
 * pages from phys, read-only or read-write, never executable; before the partition runs. */
void arch_aspace_share(struct arch_aspace *as, uint32_t offset, uint32_t phys, uint32_t len,
		       bool writable);
/*
 * I/O ports: the ports [first, first + count) open to ring 3 while the address space `as` is the
 * CPU's (its own bitmap, switched with it: arch_switch_to); every other port faults, as all do in
 * an address space never given any. At boot, for at most CONFIG_MAX_DEVICES address spaces.
 */
void arch_aspace_open_ports(struct arch_aspace *as, uint16_t first, uint16_t count);
/* Forgets the calling CPU's translations of partition pages (another CPU changed the tables of
 * an address space this one may have loaded). */
void arch_flush_tlb(void);
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
/* Forgets any FPU state the vcpu holds in the CPU (its partition restarts or stops); on the
 * vcpu's own CPU, the only one that can hold it. */
void arch_vcpu_drop_fpu(const struct vcpu *v);

/* Names of a CPU exception, for reports: "page fault" and "PF". */
const char *arch_exception_name(uint32_t vector);
/* Non-maskable interrupts taken so far (arch/x86/entry.asm: counted and returned from). */
extern volatile uint32_t arch_nmi_count;
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

/* Upcalls (core/vint.c): the context an upcall interrupted, written into its frame
 * (arch_upcall_save, inline in arch_switch.h: every delivery runs it); and a context of the
 * partition's installed in its place (0), or refused for its selectors or eflags (-1; eip and esp
 * are core's to check). */
struct bh_upcall_frame;
int arch_upcall_install(struct arch_vcpu *a, const struct bh_upcall_frame *f);

/* The CPU's time-stamp counter (what a partition reads with rdtsc). */
uint64_t arch_cycles(void);

/* --- provided by core, called by the arch --- */

void kernel_main(void);
/*
 * Every entry from a partition or the idle loop runs one of these, each of which ends in core's
 * exit step (include/core/exit.h), then returns by the one exit path (arch_return_to_guest):
 * core_hypercall, core_timer_event, or another handler of the arch followed by core_exit.
 */
/* The platform timer fired. */
void core_timer_event(void);
/* A hypercall from the running vcpu; its context holds the number and arguments. */
void core_hypercall(context_t *ctx);
/* An exception raised by the running vcpu in ring 3, with its error code, the instruction that
 * raised it and (page faults) the address. */
void core_guest_exception(uint32_t vector, uint32_t error_code, uint32_t eip,
			  uint32_t fault_address);
/* A hardware interrupt line other than the timer's, not spurious, before its acknowledgement:
 * the device's, if a partition was given it (core/device.c). */
void core_device_interrupt(uint32_t line);
/* Another CPU kicked this one: its mail (core/cpu_mail.h), then the exit step. */
void core_cpu_kicked(void);
/* An AP's first steps in core, on its own stack with its tables loaded; never returns (it idles
 * until the boot CPU starts its dispatcher). */
void core_ap_main(uint32_t index) __attribute__((noreturn));
/* The exit step alone (after an exception or another interrupt): a scheduling decision if one is
 * needed, then virtual-interrupt delivery. */
void core_exit(void);

#endif
