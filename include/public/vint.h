/*
 * Bulkhead public ABI: virtual interrupts.
 *
 * Each vcpu has 32 lines, a pending bitmap, a mask bitmap and an enable flag (all clear at start:
 * nothing is delivered until the vcpu registers an upcall and enables delivery).
 * On every return to ring 3, if delivery is enabled and a line is pending and unmasked, the kernel:
 *   - takes the lowest such line and clears it from `pending`;
 *   - keeps the interrupted context (every register, eflags, eip, esp) inside the kernel;
 *   - builds on the upcall stack (or below the interrupted esp) a struct bh_upcall_frame and a
 *     cdecl call frame: [esp] = 0 (no return address), [esp+4] = line, [esp+8] = frame pointer;
 *   - enters the upcall entry with delivery disabled. No upcall nests inside another.
 * An upcall runs on a register context of its own: a delivery sets its eip, esp and eflags
 * (interrupts on, other flags clear); eax holds 0 (the previous upcall's vint_return result)
 * and the other registers what the previous upcall left in them (before the first: zero, and
 * the partition's flat selectors).
 * The upcall ends with vint_return, which restores the saved context exactly (and re-enables
 * delivery). The upcall must preserve the x87/SSE state it touches.
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
	BH_VINT_PORT = 2,                /* a message arrived on a port of the partition */
	BH_VINT_DOORBELL = 3,            /* a sibling vcpu rang this one */
	BH_VINT_PARTITION_DOORBELL = 4,  /* another partition (allowed by the config) rang */
	BH_VINT_HEALTH = 5,              /* the health monitor logged an event for this partition */
	BH_VINT_LINES = 6
};

struct bh_upcall_frame {
	uint32_t line;
	uint32_t missed;                 /* timer periods that expired unseen (timer line) */
	/* the interrupted context, for information; vint_return resumes the one the kernel kept */
	uint32_t eax, ebx, ecx, edx, esi, edi, ebp, esp, eip, eflags;
};

/*
 * Bytes a delivery may write below a registered upcall stack's top: the call frame, the upcall
 * frame and up to 15 bytes of alignment. vint_set_upcall refuses (BH_EFAULT) a stack with fewer
 * bytes of the partition's memory below it.
 */
#define BH_UPCALL_STACK_MIN 75

#endif
