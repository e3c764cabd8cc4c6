/* What the ACPI and MP table parsers share: bytes, checksums, the BIOS areas, the CPU list. */
#include <stdarg.h>
#include <cpu_tables.h>
#include <lib/format.h>
#include <lib/string.h>

#define BDA_EBDA_SEGMENT 0x40e

uint32_t firmware_le16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

uint32_t firmware_le32(const uint8_t *p)
{
	return firmware_le16(p) | firmware_le16(p + 2) << 16;
}

int firmware_sum_ok(const uint8_t *p, uint32_t len)
{
	uint8_t sum = 0;

	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + p[i]);
	return sum == 0;
}

void firmware_report(const struct firmware_memory *m, const char *fmt, ...)
{
	char line[160];
	va_list ap;

	va_start(ap, fmt);
	vformat_string(line, sizeof(line), fmt, ap);
	va_end(ap);
	m->report(m, line);
}

uint32_t firmware_scan(const struct firmware_memory *m, uint32_t start, uint32_t len,
		       const char *sig, uint32_t siglen, uint32_t size, const char *what)
{
	const uint8_t *area = m->at(m, start, len);
	uint32_t first;

	if (!area || len < size)
		return 0;
	/* one word compared at each of the thousands of steps (the BIOS area has 8192), through a
	 * pointer: each instruction in this loop costs the boot several microseconds */
	__builtin_memcpy(&first, sig, 4);
	for (const uint8_t *p = area, *end = area + len - size; p <= end; p += 16) {
		uint32_t word;

		__builtin_memcpy(&word, p, 4);
		if (word != first || memcmp(p, sig, siglen) != 0)
			continue;
		if (firmware_sum_ok(p, size))
			return start + (uint32_t)(p - area);
		firmware_report(m, "%s at 0x%x has a bad checksum: skipped", what,
				start + (uint32_t)(p - area));
	}
	return 0;
}

uint32_t firmware_ebda(const struct firmware_memory *m)
{
	const uint8_t *p = m->at(m, BDA_EBDA_SEGMENT, 2);

	return p ? firmware_le16(p) << 4 : 0;
}

void cpu_tables_add(struct cpu_tables *out, uint8_t apic_id)
{
	for (uint32_t i = 0; i < out->count; i++)
		if (out->apic_ids[i] == apic_id)
			return;
	if (out->count < CONFIG_MAX_CPUS)
		out->apic_ids[out->count++] = apic_id;
	else
		out->beyond++;
}
