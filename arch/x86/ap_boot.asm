; An AP's first instructions. A startup IPI starts it in real mode at AP_TRAMPOLINE
; (include/arch/x86/smp.h), where smp.c copied ap_trampoline and wrote the kernel's GDT pointer
; into the copy. It turns protected mode on with that GDT and jumps into the kernel's text (1:1,
; paging still off), which takes the boot CPU's control registers from ap_boot (smp.c), turns
; paging on and calls ap_main on the AP's own stack.

GDT_KERNEL_CODE equ 0x08            ; include/arch/x86/segments.h
GDT_KERNEL_DATA equ 0x10
CR0_PE          equ 1
MSR_EFER        equ 0xc0000080
; struct ap_boot (smp.c): its offsets, checked there
AP_BOOT_CR0     equ 0
AP_BOOT_CR3     equ 4
AP_BOOT_CR4     equ 8
AP_BOOT_EFER    equ 12
AP_BOOT_STACK   equ 16

extern ap_boot, ap_main

; Copied, never run in place: position-independent but for the far jump's absolute target.
section .rodata
bits 16
global ap_trampoline, ap_trampoline_bytes, ap_trampoline_gdtr_offset
ap_trampoline:
        cli
        cld
        mov ax, cs                  ; cs:0 is the page, whatever it is
        mov ds, ax
        o32 lgdt [ap_trampoline_gdtr - ap_trampoline]
        mov eax, cr0
        or eax, CR0_PE
        mov cr0, eax
        jmp dword GDT_KERNEL_CODE:ap_protected
align 4
ap_trampoline_gdtr:                 ; limit, base: written by smp.c
        dw 0
        dd 0
ap_trampoline_end:
; what smp.c copies, and where in the copy it writes the GDT pointer
align 4
ap_trampoline_bytes:
        dd ap_trampoline_end - ap_trampoline
ap_trampoline_gdtr_offset:
        dd ap_trampoline_gdtr - ap_trampoline

section .text
bits 32
ap_protected:
        mov ax, GDT_KERNEL_DATA
        mov ds, ax
        mov es, ax
        mov ss, ax
        xor ax, ax
        mov fs, ax
        mov gs, ax
        ; PAE (and the rest) before paging; NXE before any no-execute entry is walked
        mov eax, [ap_boot + AP_BOOT_CR4]
        mov cr4, eax
        mov esi, [ap_boot + AP_BOOT_EFER]
        test esi, esi
        jz .no_efer
        mov ecx, MSR_EFER
        rdmsr
        or eax, esi
        wrmsr
.no_efer:
        mov eax, [ap_boot + AP_BOOT_CR3]
        mov cr3, eax
        mov eax, [ap_boot + AP_BOOT_CR0]
        mov cr0, eax
        mov esp, [ap_boot + AP_BOOT_STACK]
        xor ebp, ebp                ; ends every backtrace
        call ap_main

; no executable stack
section .note.GNU-stack noalloc noexec nowrite progbits
