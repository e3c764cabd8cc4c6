/*
 * The CPUs the firmware describes: the ACPI MADT (acpi.c) or, where there is no ACPI, the Intel MP
 * table (mptable.c). Both read physical memory only through `struct firmware_memory`, so that host
 * tests (tests/unit/test_cpu_tables.c) hand them byte buffers; a structure whose signature,
 * checksum or length is wrong is reported and skipped, never trusted.
 */
#ifndef PLATFORM_PC_CPU_TABLES_H
#define PLATFORM_PC_CPU_TABLES_H

#include <stdint.h>
#include <core/limits.h>

struct firmware_memory {
	/* the `len` bytes at physical `phys`, or NULL when they are not all readable */
	const uint8_t *(*at)(const struct firmware_memory *m, uint32_t phys, uint32_t len);
	/* one warning line, without its newline */
	void (*report)(const struct firmware_memory *m, const char *line);
	void *context;
};

struct cpu_tables {
	const char *source;                     /* "ACPI MADT" or "MP table" */
	uint32_t lapic_base;                    /* the local APICs' physical address */
	uint32_t count;                         /* enabled CPUs kept, in table order */
	uint32_t beyond;                        /* enabled CPUs past CONFIG_MAX_CPUS, left out */
	uint8_t apic_ids[CONFIG_MAX_CPUS];
};

/* Each fills `out` and returns 0, or returns -1 (nothing usable found; `out` is cleared). */
int acpi_find_cpus(const struct firmware_memory *m, struct cpu_tables *out);
int mptable_find_cpus(const struct firmware_memory *m, struct cpu_tables *out);

/* Shared by both parsers (cpu_tables.c). */
uint32_t firmware_le16(const uint8_t *p);
uint32_t firmware_le32(const uint8_t *p);
/* Whether the `len` bytes sum to 0 (mod 256), as every firmware table's checksum makes them. */
int firmware_sum_ok(const uint8_t *p, uint32_t len);
void firmware_report(const struct firmware_memory *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * The first structure in [start, start + len), at 16-byte steps, that begins with `sig` (siglen
 * bytes) and whose first `size` bytes sum to 0: its address, or 0. A signature with a bad
 * checksum is reported as `what` and the search goes on.
 */
uint32_t firmware_scan(const struct firmware_memory *m, uint32_t start, uint32_t len,
		       const char *sig, uint32_t siglen, uint32_t size, const char *what);
/* The EBDA's first KiB (its segment is the BIOS data area's word at 0x40e), or 0 if none. */
uint32_t firmware_ebda(const struct firmware_memory *m);
/* One enabled CPU of the table: kept while there is room, else counted in `beyond`. */
void cpu_tables_add(struct cpu_tables *out, uint8_t apic_id);

#endif
