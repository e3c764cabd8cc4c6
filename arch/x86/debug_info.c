/* The x86 part of the kernel's description for debuggers (include/core/debug_info.h): each CPU's
 * own part, a vcpu's registers and kernel stack. */
#include <core/debug_info.h>
#include <arch_cpu.h>
#include <arch_vcpu.h>

/* arch_cpus[k] is CPU k's; while the kernel runs there, GS's base is its address */
DEBUG_ARRAY(arch_cpus, arch_cpus);
DEBUG_SIZE(arch_cpu, struct arch_cpu);
DEBUG_FIELD(arch_cpu.current_context, struct arch_cpu, current_context);
DEBUG_FIELD(arch_cpu.kernel_stack_top, struct arch_cpu, kernel_stack_top);
DEBUG_FIELD(arch_cpu.running, struct arch_cpu, running);
DEBUG_FIELD(arch_cpu.index, struct arch_cpu, index);
DEBUG_FIELD(arch_cpu.cpu, struct arch_cpu, cpu);

DEBUG_SIZE(arch_vcpu, struct arch_vcpu);
DEBUG_FIELD(arch_vcpu.user_regs, struct arch_vcpu, user_regs);
DEBUG_FIELD(arch_vcpu.regs, struct arch_vcpu, regs);    /* the context it runs on */
DEBUG_FIELD(arch_vcpu.kernel_stack, struct arch_vcpu, kernel_stack);

DEBUG_SIZE(context, context_t);
DEBUG_FIELD(context.eax, context_t, eax);
DEBUG_FIELD(context.ebx, context_t, ebx);
DEBUG_FIELD(context.ecx, context_t, ecx);
DEBUG_FIELD(context.edx, context_t, edx);
DEBUG_FIELD(context.esi, context_t, esi);
DEBUG_FIELD(context.edi, context_t, edi);
DEBUG_FIELD(context.ebp, context_t, ebp);
DEBUG_FIELD(context.gs, context_t, gs);
DEBUG_FIELD(context.fs, context_t, fs);
DEBUG_FIELD(context.es, context_t, es);
DEBUG_FIELD(context.ds, context_t, ds);
DEBUG_FIELD(context.vector, context_t, frame.vector);
DEBUG_FIELD(context.error_code, context_t, frame.error_code);
DEBUG_FIELD(context.eip, context_t, frame.eip);
DEBUG_FIELD(context.cs, context_t, frame.cs);
DEBUG_FIELD(context.eflags, context_t, frame.eflags);
DEBUG_FIELD(context.esp, context_t, frame.esp);
DEBUG_FIELD(context.ss, context_t, frame.ss);
