; Interrupt, exception and hypercall entry, and the one way back to ring 3.
;
; From ring 3 the CPU switches to TSS.esp0, which points just past the running vcpu's context_t,
; so the frame below lands in the vcpu itself. The C handlers then run on the vcpu's own kernel
; stack. From ring 0 (only the idle loop takes interrupts there) the frame stays on the idle stack.

%define KERNEL_DS        0x10
%define PER_CPU_GS       0x30       ; GDT_PER_CPU (segments.h): GS is the CPU's struct arch_cpu
%define ARCH_CPU_CONTEXT       0    ; its fields (arch_cpu.h)
%define ARCH_CPU_KERNEL_STACK  4
%define ARCH_CPU_IDLE_STACK    8
%define FRAME_CS         (4 * 4 + 8 * 4 + 3 * 4)   ; segs, pusha, vector+error+eip
%define FRAME_EFLAGS     (FRAME_CS + 4)
%define EFLAGS_VM        (1 << 17)
%define HYPERCALL_VECTOR 0x80
%define TIMER_VECTOR     32         ; PLATFORM_IRQ_VECTOR_BASE + PLATFORM_IRQ_TIMER (pic.h)
%define KICK_VECTOR      0x31       ; PLATFORM_IRQ_KICK_VECTOR (platform_irq.h)

extern trap_dispatch
extern core_timer_event
extern core_hypercall
extern core_exit
extern core_cpu_kicked
extern lapic_eoi_register

section .text

; Saves the interrupted registers; then clears EFLAGS but for its fixed bit, and loads the
; kernel's data segments and the CPU's own GS (what a partition left there is in the frame). A
; partition may leave DF set, which C code (memcpy, memset) assumes clear, and AC, which would turn
; SMAP off inside the kernel (paging.c). push + popf rather than cld + clac (as many
; instructions): clac is #UD on a CPU without SMAP. IF is clear already (interrupt gates only,
; idt.c); the interrupted EFLAGS is in the frame, for iret. The selectors are loaded from memory
; through SS (the kernel's on every entry; DS is still the partition's): one instruction each,
; where a load through a register took three for DS and ES and two for GS.
%define EFLAGS_KERNEL    0x2
%macro SAVE_FRAME 0
        pusha
        push ds
        push es
        push fs
        push gs
        push dword EFLAGS_KERNEL
        popf
        mov ds, [ss:kernel_ds_selector]
        mov es, [ss:kernel_ds_selector]
        mov gs, [ss:per_cpu_gs_selector]
%endmacro

%macro EXCEPTION_NO_ERROR 1
global isr_%1
isr_%1:
        push 0
        push %1
        jmp common_entry
%endmacro

%macro EXCEPTION_WITH_ERROR 1
global isr_%1
isr_%1:
        push %1
        jmp common_entry
%endmacro

EXCEPTION_NO_ERROR 0
EXCEPTION_NO_ERROR 1
EXCEPTION_NO_ERROR 3
EXCEPTION_NO_ERROR 4
EXCEPTION_NO_ERROR 5
EXCEPTION_NO_ERROR 6
EXCEPTION_NO_ERROR 7
EXCEPTION_WITH_ERROR 8
EXCEPTION_NO_ERROR 9
EXCEPTION_WITH_ERROR 10
EXCEPTION_WITH_ERROR 11
EXCEPTION_WITH_ERROR 12
EXCEPTION_WITH_ERROR 13
EXCEPTION_WITH_ERROR 14
EXCEPTION_NO_ERROR 15
EXCEPTION_NO_ERROR 16
EXCEPTION_WITH_ERROR 17
EXCEPTION_NO_ERROR 18
EXCEPTION_NO_ERROR 19
EXCEPTION_NO_ERROR 20
EXCEPTION_WITH_ERROR 21
%assign v 22
%rep 10
EXCEPTION_NO_ERROR v
%assign v v + 1
%endrep
%assign v v + 1                 ; line 0 (vector 32), the timer, has its own stub below
%rep 15
EXCEPTION_NO_ERROR v            ; hardware interrupt lines 33..47
%assign v v + 1
%endrep

; Table of the stubs above, for idt.c.
; A non-maskable interrupt is the machine's (an I/O check, a watchdog), not the code it lands in,
; which may be a partition's, the kernel's with interrupts off, or the idle loop: it is counted
; (the summary prints the count) and returned from, touching no register but the flags, which the
; iret restores. SS is the kernel's whichever ring it came from.
global isr_2
isr_2:
        lock inc dword [ss:arch_nmi_count]
        iret

section .bss
global arch_nmi_count
arch_nmi_count: resd 1

section .rodata
kernel_ds_selector:  dw KERNEL_DS
per_cpu_gs_selector: dw PER_CPU_GS

global isr_table
isr_table:
%assign v 0
%rep 48
        dd isr_ %+ v
%assign v v + 1
%endrep

section .text
common_entry:
        SAVE_FRAME
.saved:
        mov eax, esp
        test byte [eax + FRAME_CS], 3
        jnz .from_guest
        ; virtual-8086 mode is ring 3 too, whatever its code segment: QEMU's iret enters it
        test dword [eax + FRAME_EFLAGS], EFLAGS_VM
        jz .on_stack
.from_guest:
        mov esp, [gs:ARCH_CPU_KERNEL_STACK]
.on_stack:
        push eax
        call trap_dispatch
        call core_exit
        jmp arch_return_to_guest

; Line 0, the timer: every window boundary, quantum end and virtual timer comes through here, so
; it skips the general routing. A frame from virtual-8086 mode (a faulted vcpu, see trap.c) is
; routed first, so that the vcpu's fault is handled, then the timer is.
global isr_32
isr_32:
        push 0
        push TIMER_VECTOR
        SAVE_FRAME
.saved:
        mov eax, esp
        test dword [eax + FRAME_EFLAGS], EFLAGS_VM
        jnz .from_v86
        test byte [eax + FRAME_CS], 3
        jz .on_stack
        mov esp, [gs:ARCH_CPU_KERNEL_STACK]
.on_stack:
        ; no acknowledgement: the master PIC ends its interrupts itself (auto-EOI, pic.c)
        call core_timer_event
        jmp arch_return_to_guest
.from_v86:
        mov esp, [gs:ARCH_CPU_KERNEL_STACK]
        push eax
        call trap_dispatch
        call core_timer_event
        jmp arch_return_to_guest

; The local APIC's timer, when it is the platform timer (platform/pc/lapic_timer.c): the same
; timer event as line 0's, under line 0's vector (so that debuggers and the v86 path see the
; timer), once the local APIC has its end of interrupt.
global isr_local_timer
isr_local_timer:
        push 0
        push TIMER_VECTOR
        SAVE_FRAME
        mov eax, [lapic_eoi_register]
        mov dword [eax], 0
        jmp isr_32.saved

; Another CPU posted mail for this one (core/cpu_mail.c): taken once the local APIC has its end of
; interrupt, so that a kick sent meanwhile comes again. A vcpu in virtual-8086 mode has faulted,
; as for any interrupt there (trap.c).
global isr_kick
isr_kick:
        push 0
        push KICK_VECTOR
        SAVE_FRAME
        mov eax, [lapic_eoi_register]
        mov dword [eax], 0
        mov eax, esp
        test dword [eax + FRAME_EFLAGS], EFLAGS_VM
        jnz .from_v86
        test byte [eax + FRAME_CS], 3
        jz .on_stack
        mov esp, [gs:ARCH_CPU_KERNEL_STACK]
.on_stack:
        call core_cpu_kicked
        jmp arch_return_to_guest
.from_v86:
        mov esp, [gs:ARCH_CPU_KERNEL_STACK]
        push eax
        call trap_dispatch
        call core_cpu_kicked
        jmp arch_return_to_guest

; The hypercall gate: the only one a partition may use. Kept apart from common_entry so the
; round trip pays for nothing but the call itself.
global hypercall_entry
hypercall_entry:
        push 0
        push HYPERCALL_VECTOR       ; the vector tells debuggers this vcpu is in a hypercall
        SAVE_FRAME
        mov ebx, esp
        mov esp, [gs:ARCH_CPU_KERNEL_STACK]
        push ebx
        call core_hypercall
        ; fall through

; The one way out of the kernel, for every entry, once core's exit step has run (a scheduling
; decision if one is needed, then virtual-interrupt delivery: the end of core_hypercall,
; core_timer_event and core_exit): the current vcpu's context is restored and the CPU returns to
; ring 3; with no vcpu to run, it idles.
global arch_return_to_guest
arch_return_to_guest:
        mov esp, [gs:ARCH_CPU_CONTEXT]
        test esp, esp
        jz arch_idle
        pop gs
        pop fs
        pop es
        pop ds
        popa
        add esp, 8                  ; vector and error code
        iret

; Nothing to run: wait for the timer with interrupts on. The interrupt's frame is dropped
; afterwards, since the kernel always leaves through arch_return_to_guest.
global arch_idle
arch_idle:
        mov esp, [gs:ARCH_CPU_IDLE_STACK]
        sti
        hlt
        cli
        jmp arch_idle

; no executable stack
section .note.GNU-stack noalloc noexec nowrite progbits
