; Partition entry points: vcpu 0 starts at _start with esp at the top of partition memory;
; secondary vcpus start at bh_secondary_entry with [esp] = fn, [esp+4] = arg (see start.c).
extern bh_start
extern bh_secondary_start

section .text.start
global _start
_start:
        xor ebp, ebp
        and esp, ~15
        call bh_start
.hang:  jmp .hang                   ; bh_start never returns

section .text
global bh_secondary_entry
bh_secondary_entry:
        xor ebp, ebp
        pop eax                     ; fn
        pop ecx                     ; arg
        and esp, ~15
        sub esp, 8
        push ecx
        push eax
        call bh_secondary_start
.hang:  jmp .hang

; Upcall trampoline: the kernel enters here with [esp] = 0 (no return address), [esp+4] = line,
; [esp+8] = frame, esp + 4 16-byte aligned. Our own call pushes a return address, so the null
; one goes first: bh_upcall_dispatch then finds (line, frame) as cdecl arguments, aligned. It
; returns the frame to resume (0: the interrupted context), vint_return's argument.
extern bh_upcall_dispatch
extern bh_upcall_refused
global bh_upcall_entry
bh_upcall_entry:
        add esp, 4                  ; drop the null return slot: (line, frame) become the args
        call bh_upcall_dispatch
        mov ebx, eax
        mov eax, 16                 ; BH_HC_VINT_RETURN
        int 0x80
        push eax                    ; only a refused frame comes back here
        call bh_upcall_refused
.hang:  jmp .hang

; no executable stack
section .note.GNU-stack noalloc noexec nowrite progbits
