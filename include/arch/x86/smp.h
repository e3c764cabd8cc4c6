/*
 * The arch's part of starting the other CPUs (smp.c, ap_boot.asm); the platform sends the IPIs
 * and keeps the time (platform/pc/cpus.c). An AP starts in real mode at AP_TRAMPOLINE, loads the
 * kernel's GDT, turns on protected mode and jumps into the kernel's text, where it takes the boot
 * CPU's CR4, EFER.NXE, page directory and CR0, then its own stack, GDT entries, TSS and IDT.
 */
#ifndef ARCH_X86_SMP_H
#define ARCH_X86_SMP_H

#include <stdint.h>

/* Below 1 MiB and page aligned (a startup IPI names a page there); low RAM the kernel's 1:1 map
 * covers (paging.c), and nothing of the loader's is used there once boot_main has copied it. */
#define AP_TRAMPOLINE 0x8000u
/* 0xf0..0xff: vectors whose interrupt only ends a `hlt` (arch_wait_for_interrupt), acknowledged
 * by whoever waited; the platform's local APIC vectors lie here. */
#define ARCH_WAKE_VECTOR_FIRST 0xf0
#define ARCH_WAKE_VECTOR_LAST 0xff

/* Copies the trampoline to its page once that page is found free RAM (no boot module in it);
 * returns AP_TRAMPOLINE, or 0 with a message saying why not. */
uint32_t arch_ap_trampoline(void);
/* The next AP to start is CPU `index` (1 .. CONFIG_MAX_CPUS - 1): it gets that CPU's stack, GDT
 * entries and TSS, runs `entry(index)` with interrupts off, then enters core (core_ap_main). */
void arch_ap_prepare(uint32_t index, void (*entry)(uint32_t index));
/* Interrupts on until one comes, then off again. */
void arch_wait_for_interrupt(void);

/* ap_boot.asm's C entry, on the AP's own stack. */
void ap_main(void) __attribute__((noreturn));

#endif
