/*
 * The CPUs from the Intel MultiProcessor Specification's table, where there is no ACPI: the
 * floating pointer ("_MP_", in the EBDA's first KiB, the last KiB of base memory or
 * 0xf0000..0xfffff), then its configuration table ("PCMP"), whose processor entries name the
 * enabled CPUs' APIC ids. A default configuration (no table, feature byte 1 set) is not supported.
 */
#include <cpu_tables.h>
#include <lib/string.h>

#define FLOATING_SIZE 16
#define FLOATING_TABLE 4
#define FLOATING_DEFAULT 11
#define HEADER_SIZE 44
#define HEADER_LENGTH 4
#define HEADER_LAPIC 36
#define ENTRY_PROCESSOR 0
#define PROCESSOR_SIZE 20
#define OTHER_SIZE 8
#define LAST_TYPE 4
#define PROCESSOR_ENABLED 1u
#define BDA_BASE_MEMORY_KIB 0x413
#define BIOS_AREA 0xf0000u
#define BIOS_AREA_SIZE 0x10000u
#define KIB 1024u

static uint32_t find_floating(const struct firmware_memory *m)
{
	const uint8_t *kib = m->at(m, BDA_BASE_MEMORY_KIB, 2);
	uint32_t ebda = firmware_ebda(m), fp = 0;

	if (ebda)
		fp = firmware_scan(m, ebda, KIB, "_MP_", 4, FLOATING_SIZE, "MP floating pointer");
	if (!fp && kib && firmware_le16(kib) > 1)
		fp = firmware_scan(m, (firmware_le16(kib) - 1) * KIB, KIB, "_MP_", 4, FLOATING_SIZE,
				   "MP floating pointer");
	if (!fp)
		fp = firmware_scan(m, BIOS_AREA, BIOS_AREA_SIZE, "_MP_", 4, FLOATING_SIZE,
				   "MP floating pointer");
	return fp;
}

static int parse_table(const struct firmware_memory *m, uint32_t phys, struct cpu_tables *out)
{
	const uint8_t *h = m->at(m, phys, HEADER_SIZE), *t;
	uint32_t length;

	if (!h || memcmp(h, "PCMP", 4) != 0) {
		firmware_report(m, "MP configuration table at 0x%x: no PCMP signature: skipped", phys);
		return -1;
	}
	length = firmware_le16(h + HEADER_LENGTH);
	t = length >= HEADER_SIZE ? m->at(m, phys, length) : NULL;
	if (!t) {
		firmware_report(m, "MP configuration table at 0x%x is truncated (length %u): skipped",
				phys, length);
		return -1;
	}
	if (!firmware_sum_ok(t, length)) {
		firmware_report(m, "MP configuration table at 0x%x has a bad checksum: skipped", phys);
		return -1;
	}
	out->lapic_base = firmware_le32(t + HEADER_LAPIC);
	for (uint32_t o = HEADER_SIZE; o < length;) {
		uint32_t type = t[o], size = type == ENTRY_PROCESSOR ? PROCESSOR_SIZE : OTHER_SIZE;

		if (type > LAST_TYPE || o + size > length) {
			firmware_report(m, "MP configuration table at 0x%x: entry at offset %u (type %u) "
					"is unknown or runs past its end: skipped", phys, o, type);
			return -1;
		}
		if (type == ENTRY_PROCESSOR && t[o + 3] & PROCESSOR_ENABLED)
			cpu_tables_add(out, t[o + 1]);
		o += size;
	}
	out->source = "MP table";
	return 0;
}

int mptable_find_cpus(const struct firmware_memory *m, struct cpu_tables *out)
{
	uint32_t fp = find_floating(m);
	const uint8_t *f;

	memset(out, 0, sizeof(*out));
	if (!fp)
		return -1;
	f = m->at(m, fp, FLOATING_SIZE);
	if (f[FLOATING_DEFAULT]) {
		firmware_report(m, "MP floating pointer at 0x%x: default configuration %u, which "
				"Bulkhead does not support: skipped", fp, f[FLOATING_DEFAULT]);
		return -1;
	}
	if (parse_table(m, firmware_le32(f + FLOATING_TABLE), out) == 0)
		return 0;
	memset(out, 0, sizeof(*out));
	return -1;
}
