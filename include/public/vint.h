/*
 * Bulkhead public ABI: virtual interrupts.
 *
 * Each vcpu has 32 lines, a pending bitmap, a mask bitmap and an enable flag (all clear at start:
 * nothing is delivered until the vcpu registers an upcall and enables delivery).
 * On every return to ring 3, if delivery is enabled and a line is pending and unmasked, the kernel:
 *   - takes the lowest such line (BH_VINT_FAULT before any other) and clears it from `pending`;
 *   - keeps the interrupted context (every register, eflags, eip, esp, the selectors) inside the
 *     kernel;
 *   - builds on the upcall stack (or below the interrupted esp) a struct bh_upcall_frame and a
 *     cdecl call frame: [esp] = 0 (no return address), [esp+4] = line, [esp+8] = frame pointer;
 *   - enters the upcall entry with delivery disabled. No upcall nests inside another.
 * An upcall starts on registers the ABI defines, whatever ran before: eax = the line, ecx = the
 * frame's address, edx = the frame's `missed`, ebx = esi = edi = ebp = 0; eflags is 0x202 (IF
 * and the bit that is always set); the selectors are the partition's flat ones (BH_USER_CS,
 * BH_USER_DS).
 * The upcall ends with vint_return(frame):
 *   - frame = 0 resumes the context the kernel kept, exactly;
 *   - otherwise `frame` is the partition address of a struct bh_upcall_frame whose context (eax
 *     to gs; line and missed are ignored) the vcpu resumes instead: a partition's own scheduler
 *     saves the interrupted thread from the upcall frame and resumes another. The context is
 *     checked first: cs must be BH_USER_CS, ss BH_USER_DS, ds, es, fs and gs BH_USER_DS or 0,
 *     eflags must have IF set and none of TF, IOPL, NT, RF, VM, VIF or VIP (BH_EINVAL
 *     otherwise), eip must lie inside the partition's memory and esp inside it or at its end
 *     (BH_EFAULT, as for a frame not wholly inside it). A refused frame changes nothing: the
 *     upcall goes on, with the error in eax.
 * Either way delivery is enabled again. The upcall must preserve the x87/SSE state it touches (a
 * thread switch saves and restores it itself).
 *
 * The shared page (vint_set_info): a struct bh_vcpu_info in the partition's memory, one per vcpu,
 * through which the vcpu works its virtual interrupts without a hypercall:
 *   - `pending` is the kernel's: rewritten whenever it changes (a line raised, an upcall
 *     delivered); a write of the partition's is only overwritten then;
 *   - `mask` and `enabled` are read by the kernel whenever it returns to the vcpu, and then count
 *     as if vint_mask and vint_enable had set them (vint_enable's BH_EBUSY rule: `enabled` is
 *     ignored while an upcall runs; the kernel writes 0 there at delivery and 1 at vint_return).
 *     A line unmasked or delivery enabled this way is delivered at the next entry to the kernel
 *     (any hypercall: BH_HC_NOP is the cheapest; the runtime's bh_vint_sync does it when a line
 *     is pending);
 *   - the time: ns since boot = time_ns + (((rdtsc - time_tsc) << tsc_shift) * tsc_mul >> 32)
 *     (tsc_shift negative: a right shift), read between two equal even `time_version`s. The kernel
 *     rewrites it at every window start of the partition, so the error of the scale is bounded
 *     by one window. The runtime's bh_info_time_ns(info) does this.
 * Nothing in the page is trusted: the kernel takes only the defined bits, and the page cannot
 * reach beyond the partition's own memory.
 *
 * Timers: a vcpu's virtual timer fires on the clock, wherever the schedule is. If it expires
 * outside its partition's windows, it is delivered at the start of the partition's next window
 * (one delivery, however many periods passed: the `missed` count in the frame says how many).
 */
#ifndef BULKHEAD_PUBLIC_VINT_H
#define BULKHEAD_PUBLIC_VINT_H

#include "types.h"

enum bh_vint_line {
	BH_VINT_TIMER = 0,               /* the vcpu's virtual timer expired */
	BH_VINT_WINDOW_START = 1,        /* a window of the partition began */
	BH_VINT_PORT = 2,                /* a message arrived on a port of the partition, or a full
	                                  * queuing port it sends on has room again (ABI 3) */
	BH_VINT_DOORBELL = 3,            /* a sibling vcpu rang this one */
	BH_VINT_PARTITION_DOORBELL = 4,  /* another partition (allowed by the config) rang */
	BH_VINT_HEALTH = 5,              /* the health monitor logged an event for this partition */
	/* this vcpu faulted and the deployment hands that event to the partition (health.h): the
	 * upcall's interrupted context is the faulting one; hm_fault_read tells the fault */
	BH_VINT_FAULT = 6,
	/* another schedule is in force (ABI 4): raised on every vcpu of every partition at the
	 * switch, taken in the partition's first window after it; schedule_status tells which */
	BH_VINT_SCHEDULE = 7,
	BH_VINT_LINES = 8
};

/*
 * Device lines: a hardware interrupt line the deployment gives the partition (its devices[], with
 * the vint line it arrives on) is raised on one of these, on the vcpu the deployment names. The
 * kernel masks the hardware line when it arrives and the line stays masked until the partition
 * calls irq_done(line) (hypercall.h), so a device cannot interrupt more often than its driver
 * serves it; a line that comes outside the partition's windows waits for the next one. They are
 * not vint_mask's (the hardware line's mask is theirs); vint_enable(0) holds them back as any.
 */
#define BH_VINT_DEVICE_FIRST 8u
#define BH_VINT_DEVICE_LAST 15u

/* The flat ring-3 selectors every partition runs with. */
#define BH_USER_CS 0x1b
#define BH_USER_DS 0x23

struct bh_upcall_frame {
	uint32_t line;
	uint32_t missed;                 /* timer periods that expired unseen (timer line) */
	/* the interrupted context: what vint_return(0) resumes, and vint_return(frame) installs */
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp, eip, eflags;
	uint32_t cs, ss, ds, es, fs, gs;
};

/* The eflags bits a context handed to vint_return may not set (IF it must). */
#define BH_FLAG_IF 0x200u
#define BH_FLAGS_REFUSED 0x1b7100u     /* TF, IOPL, NT, RF, VM, VIF, VIP */

/* A vcpu's shared page (see above); vint_set_info wants it 8-byte aligned. */
struct bh_vcpu_info {
	uint32_t pending;                /* kernel -> partition */
	uint32_t mask;                   /* partition -> kernel */
	uint32_t enabled;                /* partition -> kernel (0 or 1) */
	uint32_t time_version;           /* odd while the kernel rewrites the time */
	uint64_t time_tsc;
	uint64_t time_ns;
	uint32_t tsc_mul;
	int32_t tsc_shift;
};

/*
 * Bytes a delivery may write below a registered upcall stack's top: the call frame, the upcall
 * frame and up to 15 bytes of alignment. vint_set_upcall refuses (BH_EFAULT) a stack with fewer
 * bytes of the partition's memory below it.
 */
#define BH_UPCALL_STACK_MIN 99

#endif
