#ifndef ARCH_X86_PAGING_H
#define ARCH_X86_PAGING_H

/* Maps all RAM 1:1 for the kernel (supervisor-only, text and rodata read-only) and turns paging on. */
void paging_init(void);

#endif
