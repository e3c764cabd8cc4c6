/*
 * The kernel's description of itself for debuggers, the idea of Linux's vmcoreinfo: the sizes of
 * the structs tools/gdb walks, the offsets and sizes of the fields it reads, and the addresses of
 * the tables it starts from, all computed by the compiler, so they follow every move of code.
 * A debugger finds `debug_info` by that one name and reads the rest from it. Entry names:
 *   SIZE(vcpu)            value: the struct's size, the stride of its arrays
 *   OFFSET(vcpu.state)    value: the field's offset in its struct; size: the field's size
 *   SYMBOL(vcpu_pool)     address: the object; size: its size
 *   LENGTH(vcpu_pool)     value: the elements of an array (a symbol or a field)
 *   NUMBER(tick32_horizon)   value: a constant
 * Each file describes its own statics and private structs with the macros below; the linker
 * gathers the entries into one table (linker.ld) that debug_info spans. DEBUG_INFO_VERSION
 * changes when an entry changes meaning (a renamed field keeps its name here).
 */
#ifndef CORE_DEBUG_INFO_H
#define CORE_DEBUG_INFO_H

#include <stddef.h>
#include <stdint.h>

#define DEBUG_INFO_MAGIC 0x49444842u     /* "BHDI" in memory */
/* 2: several schedules (dispatch_plans[] and cpu.plan for dispatch_plan); 3: the health log
 * shared fairly (hm_log.order and head: records[] is no longer a ring by sequence); 4: several
 * CPUs (cpus[] in full, dispatch_plans[] a row per CPU, arch_cpus[], vcpu.cpu) */
#define DEBUG_INFO_VERSION 4

struct debug_entry {
	const char *name;
	const void *address;
	uint32_t value;
	uint32_t size;
};

struct debug_info {
	uint32_t magic;
	uint32_t version;
	uint32_t entry_size;
	const struct debug_entry *entries, *entries_end;
};

#define DEBUG_CONCAT_(a, b) a##b
#define DEBUG_CONCAT(a, b) DEBUG_CONCAT_(a, b)
#define DEBUG_ENTRY(name, address, value, size)                                             \
	static const struct debug_entry DEBUG_CONCAT(debug_entry_, __COUNTER__)              \
		__attribute__((used, section("debug_entries"), aligned(4))) =                \
		{ name, address, value, size }

#define DEBUG_SIZE(label, type) DEBUG_ENTRY("SIZE(" #label ")", NULL, sizeof(type), 0)
/* The size of the field's type: a pointer's is what is wanted, which sizeof(expression) hides
 * from clang-tidy's sizeof checks. */
#define DEBUG_FIELD(label, type, path)                                                      \
	DEBUG_ENTRY("OFFSET(" #label ")", NULL, offsetof(type, path),                         \
		    sizeof(__typeof__(((type *)0)->path)))
/* A field that is an array: its offset and its length. */
#define DEBUG_FIELD_ARRAY(label, type, path)                                                \
	DEBUG_FIELD(label, type, path);                                                     \
	DEBUG_ENTRY("LENGTH(" #label ")", NULL,                                               \
		    sizeof(((type *)0)->path) / sizeof(((type *)0)->path[0]), 0)
#define DEBUG_SYMBOL(label, object) DEBUG_ENTRY("SYMBOL(" #label ")", &(object), 0, sizeof(object))
#define DEBUG_ARRAY(label, object)                                                          \
	DEBUG_SYMBOL(label, object);                                                        \
	DEBUG_ENTRY("LENGTH(" #label ")", NULL, sizeof(object) / sizeof((object)[0]), 0)
#define DEBUG_NUMBER(label, number) DEBUG_ENTRY("NUMBER(" #label ")", NULL, (number), 0)

#endif
