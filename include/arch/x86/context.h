/* The register file of a vcpu, laid out in the order the entry path saves it. */
#ifndef ARCH_X86_CONTEXT_H
#define ARCH_X86_CONTEXT_H

#include <stdint.h>

/*
 * What an interrupt or exception adds to the registers: the vector and error code (pushed by the
 * entry stub and the CPU) and the return frame the CPU pushes when it leaves ring 3.
 */
struct interrupt_frame {
	uint32_t vector;
	uint32_t error_code;
	uint32_t eip;
	uint32_t cs;
	uint32_t eflags;
	uint32_t esp;      /* ring-3 entries only */
	uint32_t ss;       /* ring-3 entries only */
};

/*
 * TSS.esp0 points just past a vcpu's context, so on entry from ring 3 the CPU and the stub store
 * the registers straight into it: no copy on the hypercall or interrupt path, and restoring a vcpu
 * is "point esp at its context, pop, iret".
 */
typedef struct context {
	uint32_t gs, fs, es, ds;
	uint32_t edi, esi, ebp, esp_unused, ebx, edx, ecx, eax;   /* pusha order */
	struct interrupt_frame frame;
} context_t;

#define CONTEXT_SIZE 76

#define EFLAGS_RESERVED (1u << 1)
#define EFLAGS_IF (1u << 9)
/* What ring 3 may hold in eflags: the arithmetic flags, IF, DF, AC, ID (the rest is reserved, or
 * refused in a context a partition hands the kernel: public/vint.h) */
#define EFLAGS_USER_WRITABLE 0x240ed5u

#endif
