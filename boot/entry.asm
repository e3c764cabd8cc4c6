; Multiboot (version 1) header and the first instructions of Bulkhead.
; GRUB and `qemu -kernel` both load the ELF, jump to _start in 32-bit protected mode with paging
; off, eax = the multiboot magic and ebx = the multiboot information.

MB_MAGIC        equ 0x1BADB002
MB_PAGE_ALIGN   equ 1 << 0          ; modules on page boundaries: partition images are copied whole
MB_MEMORY_INFO  equ 1 << 1          ; we need the memory map
MB_FLAGS        equ MB_PAGE_ALIGN | MB_MEMORY_INFO

section .multiboot
align 4
        dd MB_MAGIC
        dd MB_FLAGS
        dd -(MB_MAGIC + MB_FLAGS)

section .bss
align 16
global boot_stack_bottom, boot_stack_top
boot_stack_bottom:
        resb 16384
boot_stack_top:

; The time stamp counter at kernel entry, for the boot banner and the benchmark (make bench).
section .data
align 8
global boot_entry_tsc
boot_entry_tsc:
        dq 0

section .text
global _start
extern boot_main
_start:
        mov esi, eax                ; rdtsc overwrites the loader's magic
        rdtsc
        mov [boot_entry_tsc], eax
        mov [boot_entry_tsc + 4], edx
        mov eax, esi
        cli
        cld
        mov esp, boot_stack_top
        xor ebp, ebp                ; ends every backtrace
        push ebx                    ; multiboot information
        push eax                    ; the loader's magic; boot_main checks it
        call boot_main
.halt:  cli
        hlt
        jmp .halt

; no executable stack
section .note.GNU-stack noalloc noexec nowrite progbits
