/*
 * The CPUs from ACPI: the RSDP (in the EBDA's first KiB or in 0xe0000..0xfffff), its RSDT or XSDT,
 * and the MADT's enabled local APICs. Every table's checksum and length are checked before it is
 * read; a bad one is reported and the next candidate tried (the XSDT's RSDT, the next MADT).
 * Only what this step needs is read: processor entries, the local APIC address and its 64-bit
 * override. x2APIC entries (ids above 255) are beyond an 8-bit xAPIC and are left out.
 */
#include <cpu_tables.h>
#include <lib/string.h>

#define RSDP_V1_SIZE 20
#define RSDP_REVISION 15
#define RSDP_RSDT 16
#define RSDP_LENGTH 20
#define RSDP_XSDT 24
#define RSDP_V2_SIZE 36
#define HEADER_SIZE 36
#define HEADER_LENGTH 4
#define MADT_LAPIC 36
#define MADT_ENTRIES 44
#define MADT_LOCAL_APIC 0
#define MADT_LAPIC_OVERRIDE 5
#define LOCAL_APIC_SIZE 8
#define LAPIC_OVERRIDE_SIZE 12
#define LOCAL_APIC_ENABLED 1u
/* Longer than any root table or MADT a machine has (a MADT of 256 CPUs is about 2 KiB), and than
 * any RSDP: a longer length is a bad table, never a reason to read that much of the machine
 * (holes, device registers) before its checksum. */
#define TABLE_MAX 0x10000u
#define RSDP_MAX 1024u
#define BIOS_AREA 0xe0000u
#define BIOS_AREA_SIZE 0x20000u
#define EBDA_SEARCHED 1024u

/* The table at `phys` if its signature, length (at least `min`) and checksum are right, else NULL
 * (reported unless nothing is there at all). */
static const uint8_t *table_at(const struct firmware_memory *m, uint32_t phys, const char *sig,
			       uint32_t min, uint32_t *length)
{
	const uint8_t *h = m->at(m, phys, HEADER_SIZE), *t;

	if (!h) {
		firmware_report(m, "ACPI %s at 0x%x is outside memory: skipped", sig, phys);
		return NULL;
	}
	if (memcmp(h, sig, 4) != 0)
		return NULL;
	*length = firmware_le32(h + HEADER_LENGTH);
	if (*length > TABLE_MAX) {
		firmware_report(m, "ACPI %s at 0x%x says it is %u bytes long: skipped", sig, phys,
				*length);
		return NULL;
	}
	t = *length >= min ? m->at(m, phys, *length) : NULL;
	if (!t) {
		firmware_report(m, "ACPI %s at 0x%x is truncated (length %u): skipped", sig, phys,
				*length);
		return NULL;
	}
	if (!firmware_sum_ok(t, *length)) {
		firmware_report(m, "ACPI %s at 0x%x has a bad checksum: skipped", sig, phys);
		return NULL;
	}
	return t;
}

static uint32_t find_rsdp(const struct firmware_memory *m)
{
	uint32_t ebda = firmware_ebda(m), rsdp = 0;

	if (ebda)
		rsdp = firmware_scan(m, ebda, EBDA_SEARCHED, "RSD PTR ", 8, RSDP_V1_SIZE, "ACPI RSDP");
	if (!rsdp)
		rsdp = firmware_scan(m, BIOS_AREA, BIOS_AREA_SIZE, "RSD PTR ", 8, RSDP_V1_SIZE,
				     "ACPI RSDP");
	return rsdp;
}

/* The MADT's CPUs and local APIC address; -1 if an entry runs past the table or is too short. */
static int parse_madt(const struct firmware_memory *m, uint32_t phys, const uint8_t *t,
		      uint32_t length, struct cpu_tables *out)
{
	memset(out, 0, sizeof(*out));
	out->lapic_base = firmware_le32(t + MADT_LAPIC);
	for (uint32_t o = MADT_ENTRIES; o < length;) {
		uint32_t type = t[o], size = o + 2 <= length ? t[o + 1] : 0;
		uint32_t need = type == MADT_LOCAL_APIC ? LOCAL_APIC_SIZE :
				type == MADT_LAPIC_OVERRIDE ? LAPIC_OVERRIDE_SIZE : 2;

		if (size < need || o + size > length) {
			firmware_report(m, "ACPI APIC at 0x%x: entry at offset %u (type %u, %u bytes) "
					"runs past its end or is too short: skipped", phys, o, type,
					size);
			return -1;
		}
		if (type == MADT_LOCAL_APIC && firmware_le32(t + o + 4) & LOCAL_APIC_ENABLED)
			cpu_tables_add(out, t[o + 3]);
		else if (type == MADT_LAPIC_OVERRIDE) {
			if (firmware_le32(t + o + 8))
				firmware_report(m, "ACPI APIC at 0x%x: the local APIC address "
						"override lies above 4 GiB: ignored", phys);
			else
				out->lapic_base = firmware_le32(t + o + 4);
		}
		o += size;
	}
	out->source = "ACPI MADT";
	return 0;
}

/* The first sound MADT among the root table's entries (4 bytes each in the RSDT, 8 in the XSDT). */
static int find_madt(const struct firmware_memory *m, const uint8_t *root, uint32_t length,
		     uint32_t entry_size, struct cpu_tables *out)
{
	for (uint32_t o = HEADER_SIZE; o + entry_size <= length; o += entry_size) {
		uint32_t phys = firmware_le32(root + o), madt_length;
		const uint8_t *madt;

		if (entry_size == 8 && firmware_le32(root + o + 4))
			continue;
		madt = table_at(m, phys, "APIC", MADT_ENTRIES, &madt_length);
		if (madt && parse_madt(m, phys, madt, madt_length, out) == 0)
			return 0;
	}
	return -1;
}

int acpi_find_cpus(const struct firmware_memory *m, struct cpu_tables *out)
{
	uint32_t rsdp = find_rsdp(m), length;
	const uint8_t *r, *root;

	memset(out, 0, sizeof(*out));
	if (!rsdp)
		return -1;
	r = m->at(m, rsdp, RSDP_V1_SIZE);
	/* ACPI 2.0 and later: the XSDT, if its part of the RSDP is sound and it lies below 4 GiB */
	if (r[RSDP_REVISION] >= 2) {
		const uint8_t *r2 = m->at(m, rsdp, RSDP_V2_SIZE);
		uint32_t r2_length = r2 ? firmware_le32(r2 + RSDP_LENGTH) : 0;

		r2 = r2_length >= RSDP_V2_SIZE && r2_length <= RSDP_MAX ? m->at(m, rsdp, r2_length) :
									   NULL;
		if (!r2 || !firmware_sum_ok(r2, r2_length))
			firmware_report(m, "ACPI RSDP at 0x%x: its extended checksum or length is "
					"bad: the XSDT is not used", rsdp);
		else if (!firmware_le32(r2 + RSDP_XSDT + 4) && firmware_le32(r2 + RSDP_XSDT)) {
			uint32_t xsdt = firmware_le32(r2 + RSDP_XSDT);

			root = table_at(m, xsdt, "XSDT", HEADER_SIZE, &length);
			if (root && find_madt(m, root, length, 8, out) == 0)
				return 0;
		}
	}
	root = table_at(m, firmware_le32(r + RSDP_RSDT), "RSDT", HEADER_SIZE, &length);
	if (root && find_madt(m, root, length, 4, out) == 0)
		return 0;
	memset(out, 0, sizeof(*out));
	return -1;
}
