/*
 * platform/pc/acpi.c and mptable.c on the host: the CPUs found in byte buffers laid out as a PC's
 * low memory, and every bad table (checksum, length, an entry past its end) reported and skipped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <cpu_tables.h>

#define MEMORY (1u << 20)

static uint8_t *ram;
static char reports[2048];

static const uint8_t *at(const struct firmware_memory *m, uint32_t phys, uint32_t len)
{
	(void)m;
	return phys && (uint64_t)phys + len <= MEMORY ? ram + phys : NULL;
}

static void report(const struct firmware_memory *m, const char *line)
{
	(void)m;
	strncat(reports, line, sizeof(reports) - strlen(reports) - 2);
	strcat(reports, "\n");
}

static const struct firmware_memory memory = { .at = at, .report = report };

static int setup(void **state)
{
	(void)state;
	ram = calloc(1, MEMORY);
	reports[0] = '\0';
	return ram ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(ram);
	return 0;
}

static void put32(uint32_t phys, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		ram[phys + i] = (uint8_t)(v >> (8 * i));
}

/* The byte at `checksum` makes the `len` bytes at `phys` sum to 0. */
static void seal(uint32_t phys, uint32_t len, uint32_t checksum)
{
	uint8_t sum = 0;

	ram[phys + checksum] = 0;
	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + ram[phys + i]);
	ram[phys + checksum] = (uint8_t)-sum;
}

/* --- ACPI ------------------------------------------------------------------------------------ */

#define RSDT 0x10000u
#define XSDT 0x10800u
#define MADT 0x11000u
#define MADT2 0x12000u
#define OTHER 0x13000u

static void rsdp(uint32_t phys, uint32_t rsdt, uint32_t xsdt)
{
	memcpy(ram + phys, "RSD PTR ", 8);
	ram[phys + 15] = xsdt ? 2 : 0;
	put32(phys + 16, rsdt);
	seal(phys, 20, 8);
	if (xsdt) {
		put32(phys + 20, 36);
		put32(phys + 24, xsdt);
		seal(phys, 36, 32);
	}
}

static void header(uint32_t phys, const char *sig, uint32_t length)
{
	memcpy(ram + phys, sig, 4);
	put32(phys + 4, length);
}

/* A root table (RSDT: 4-byte entries, XSDT: 8) listing `n` tables. */
static void root(uint32_t phys, const char *sig, const uint32_t *tables, uint32_t n)
{
	uint32_t size = sig[0] == 'X' ? 8 : 4;

	header(phys, sig, 36 + n * size);
	for (uint32_t i = 0; i < n; i++)
		put32(phys + 36 + i * size, tables[i]);
	seal(phys, 36 + n * size, 9);
}

/* A MADT with a processor entry per id (enabled if `enabled` has its bit) and an IO APIC. */
static uint32_t madt(uint32_t phys, const uint8_t *ids, uint32_t n, uint32_t enabled)
{
	uint32_t o = 44;

	put32(phys + 36, 0xfee00000u);
	for (uint32_t i = 0; i < n; i++, o += 8) {
		ram[phys + o] = 0;
		ram[phys + o + 1] = 8;
		ram[phys + o + 2] = (uint8_t)i;
		ram[phys + o + 3] = ids[i];
		put32(phys + o + 4, (enabled >> i) & 1);
	}
	ram[phys + o] = 1;
	ram[phys + o + 1] = 12;
	o += 12;
	header(phys, "APIC", o);
	seal(phys, o, 9);
	return o;
}

static const uint8_t four[] = { 0, 1, 2, 3 };

static void good_acpi(void)
{
	const uint32_t tables[] = { OTHER, MADT };

	header(OTHER, "FACP", 36);
	seal(OTHER, 36, 9);
	madt(MADT, four, 4, 0xf);
	root(RSDT, "RSDT", tables, 2);
	rsdp(0xe0010, RSDT, 0);
}

static void expect_ids(const struct cpu_tables *t, const uint8_t *ids, uint32_t n)
{
	assert_int_equal(t->count, n);
	assert_memory_equal(t->apic_ids, ids, n);
}

static void test_acpi_good(void **state)
{
	struct cpu_tables t;

	(void)state;
	good_acpi();
	assert_int_equal(acpi_find_cpus(&memory, &t), 0);
	expect_ids(&t, four, 4);
	assert_int_equal(t.beyond, 0);
	assert_int_equal(t.lapic_base, 0xfee00000u);
	assert_string_equal(t.source, "ACPI MADT");
	assert_string_equal(reports, "");
}

static void test_acpi_disabled_cpus_left_out(void **state)
{
	static const uint8_t kept[] = { 0, 2 };
	struct cpu_tables t;

	(void)state;
	good_acpi();
	madt(MADT, four, 4, 0x5);
	assert_int_equal(acpi_find_cpus(&memory, &t), 0);
	expect_ids(&t, kept, 2);
}

static void test_acpi_rsdp_in_ebda(void **state)
{
	struct cpu_tables t;

	(void)state;
	good_acpi();
	memset(ram + 0xe0010, 0, 20);
	ram[0x40e] = 0xc0;
	ram[0x40f] = 0x9f;
	rsdp(0x9fc00, RSDT, 0);
	assert_int_equal(acpi_find_cpus(&memory, &t), 0);
	expect_ids(&t, four, 4);
}

static void test_acpi_bad_rsdp_checksum_skipped(void **state)
{
	struct cpu_tables t;

	(void)state;
	good_acpi();
	memset(ram + 0xe0010, 0, 20);
	rsdp(0xe0000, 0x50000, 0);
	ram[0xe0000 + 16] ^= 1;
	rsdp(0xe0040, RSDT, 0);
	assert_int_equal(acpi_find_cpus(&memory, &t), 0);
	expect_ids(&t, four, 4);
	assert_string_equal(reports, "ACPI RSDP at 0xe0000 has a bad checksum: skipped\n");
}

static void test_acpi_bad_madt_checksum(void **state)
{
	struct cpu_tables t;

	(void)state;
	good_acpi();
	ram[MADT + 44 + 3] = 7;
	assert_int_equal(acpi_find_cpus(&memory, &t), -1);
	assert_int_equal(t.count, 0);
	assert_string_equal(reports, "ACPI APIC at 0x11000 has a bad checksum: skipped\n");
}

static void test_acpi_bad_rsdt_checksum(void **state)
{
	struct cpu_tables t;

	(void)state;
	good_acpi();
	ram[RSDT + 36] ^= 0x10;
	assert_int_equal(acpi_find_cpus(&memory, &t), -1);
	assert_string_equal(reports, "ACPI RSDT at 0x10000 has a bad checksum: skipped\n");
}

/* The last entry says 8 bytes where the table has 4 left: the table is not trusted at all. */
static void test_acpi_truncated_madt(void **state)
{
	struct cpu_tables t;
	uint32_t length;

	(void)state;
	good_acpi();
	length = madt(MADT, four, 4, 0xf) - 12 - 4;
	put32(MADT + 4, length);
	seal(MADT, length, 9);
	assert_int_equal(acpi_find_cpus(&memory, &t), -1);
	assert_int_equal(t.count, 0);
	assert_string_equal(reports, "ACPI APIC at 0x11000: entry at offset 68 (type 0, 8 bytes) runs "
			    "past its end or is too short: skipped\n");
}

/* A table whose length runs past readable memory. */
static void test_acpi_madt_past_memory(void **state)
{
	const uint32_t tables[] = { MEMORY - 40 };
	struct cpu_tables t;

	(void)state;
	header(MEMORY - 40, "APIC", 200);
	root(RSDT, "RSDT", tables, 1);
	rsdp(0xe0010, RSDT, 0);
	assert_int_equal(acpi_find_cpus(&memory, &t), -1);
	assert_string_equal(reports, "ACPI APIC at 0xfffd8 is truncated (length 200): skipped\n");
}

/* A length of gigabytes is not read at all (with paging off, that would cross holes and
 * devices' registers before any checksum): the table is refused by its length. */
static void test_acpi_madt_absurd_length(void **state)
{
	struct cpu_tables t;

	(void)state;
	good_acpi();
	put32(MADT + 4, 0xf0000000u);
	assert_int_equal(acpi_find_cpus(&memory, &t), -1);
	assert_string_equal(reports, "ACPI APIC at 0x11000 says it is 4026531840 bytes long: "
			    "skipped\n");
}

static void test_acpi_too_many_cpus(void **state)
{
	static const uint8_t ten[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	struct cpu_tables t;

	(void)state;
	good_acpi();
	madt(MADT, ten, 10, 0x3ff);
	assert_int_equal(acpi_find_cpus(&memory, &t), 0);
	expect_ids(&t, ten, CONFIG_MAX_CPUS);
	assert_int_equal(t.beyond, 2);
}

/* ACPI 2.0: the XSDT's MADT, not the RSDT's; with a bad extended checksum, the RSDT's. */
static void test_acpi_xsdt_first(void **state)
{
	static const uint8_t two[] = { 0, 1 };
	const uint32_t via_rsdt[] = { MADT }, via_xsdt[] = { MADT2 };
	struct cpu_tables t;

	(void)state;
	madt(MADT, four, 4, 0xf);
	madt(MADT2, two, 2, 0x3);
	root(RSDT, "RSDT", via_rsdt, 1);
	root(XSDT, "XSDT", via_xsdt, 1);
	rsdp(0xe0010, RSDT, XSDT);
	assert_int_equal(acpi_find_cpus(&memory, &t), 0);
	expect_ids(&t, two, 2);
	ram[0xe0010 + 32] ^= 1;
	assert_int_equal(acpi_find_cpus(&memory, &t), 0);
	expect_ids(&t, four, 4);
	assert_string_equal(reports, "ACPI RSDP at 0xe0010: its extended checksum or length is bad: "
			    "the XSDT is not used\n");
}

static void test_acpi_lapic_override(void **state)
{
	struct cpu_tables t;
	uint32_t o;

	(void)state;
	good_acpi();
	o = madt(MADT, four, 4, 0xf);
	ram[MADT + o] = 5;
	ram[MADT + o + 1] = 12;
	put32(MADT + o + 4, 0xfee10000u);
	put32(MADT + 4, o + 12);
	seal(MADT, o + 12, 9);
	assert_int_equal(acpi_find_cpus(&memory, &t), 0);
	assert_int_equal(t.lapic_base, 0xfee10000u);
}

static void test_no_tables(void **state)
{
	struct cpu_tables t;

	(void)state;
	assert_int_equal(acpi_find_cpus(&memory, &t), -1);
	assert_int_equal(mptable_find_cpus(&memory, &t), -1);
	assert_int_equal(t.count, 0);
	assert_string_equal(reports, "");
}

/* --- the MP table ---------------------------------------------------------------------------- */

#define FLOATING 0xf5a50u
#define PCMP 0xf6000u

static void floating(uint32_t phys, uint32_t table, uint8_t default_config)
{
	memcpy(ram + phys, "_MP_", 4);
	put32(phys + 4, table);
	ram[phys + 8] = 1;
	ram[phys + 9] = 4;
	ram[phys + 11] = default_config;
	seal(phys, 16, 10);
}

/* A bus, a processor entry per id (enabled if `enabled` has its bit, the first the BSP), an IO
 * APIC; returns the length. */
static uint32_t pcmp(const uint8_t *ids, uint32_t n, uint32_t enabled)
{
	uint32_t o = 44;

	memcpy(ram + PCMP, "PCMP", 4);
	put32(PCMP + 36, 0xfee00000u);
	ram[PCMP + o] = 1;
	o += 8;
	for (uint32_t i = 0; i < n; i++, o += 20) {
		ram[PCMP + o] = 0;
		ram[PCMP + o + 1] = ids[i];
		ram[PCMP + o + 3] = (uint8_t)(((enabled >> i) & 1) | (i == 0 ? 2 : 0));
	}
	ram[PCMP + o] = 2;
	o += 8;
	ram[PCMP + 4] = (uint8_t)o;
	ram[PCMP + 5] = (uint8_t)(o >> 8);
	seal(PCMP, o, 7);
	return o;
}

static void test_mp_good(void **state)
{
	static const uint8_t kept[] = { 0, 1, 3 };
	struct cpu_tables t;

	(void)state;
	pcmp(four, 4, 0xb);
	floating(FLOATING, PCMP, 0);
	assert_int_equal(mptable_find_cpus(&memory, &t), 0);
	expect_ids(&t, kept, 3);
	assert_int_equal(t.lapic_base, 0xfee00000u);
	assert_string_equal(t.source, "MP table");
	assert_string_equal(reports, "");
}

/* The last KiB of base memory (the BIOS data area's count at 0x413), searched before the BIOS. */
static void test_mp_in_base_memory(void **state)
{
	struct cpu_tables t;

	(void)state;
	pcmp(four, 4, 0xf);
	ram[0x413] = 0x7f;
	ram[0x414] = 0x02;
	floating(0x9f800 + 0x10, PCMP, 0);
	assert_int_equal(mptable_find_cpus(&memory, &t), 0);
	expect_ids(&t, four, 4);
}

static void test_mp_bad_floating_checksum(void **state)
{
	struct cpu_tables t;

	(void)state;
	pcmp(four, 4, 0xf);
	floating(FLOATING, PCMP, 0);
	ram[FLOATING + 4] ^= 1;
	assert_int_equal(mptable_find_cpus(&memory, &t), -1);
	assert_string_equal(reports, "MP floating pointer at 0xf5a50 has a bad checksum: skipped\n");
}

static void test_mp_bad_table_checksum(void **state)
{
	struct cpu_tables t;

	(void)state;
	pcmp(four, 4, 0xf);
	floating(FLOATING, PCMP, 0);
	ram[PCMP + 44 + 8 + 1] = 9;
	assert_int_equal(mptable_find_cpus(&memory, &t), -1);
	assert_int_equal(t.count, 0);
	assert_string_equal(reports, "MP configuration table at 0xf6000 has a bad checksum: skipped\n");
}

/* Its length ends inside the last processor entry: not trusted at all. */
static void test_mp_truncated(void **state)
{
	struct cpu_tables t;
	uint32_t length;

	(void)state;
	length = pcmp(four, 4, 0xf) - 8 - 10;
	ram[PCMP + 4] = (uint8_t)length;
	ram[PCMP + 5] = (uint8_t)(length >> 8);
	seal(PCMP, length, 7);
	floating(FLOATING, PCMP, 0);
	assert_int_equal(mptable_find_cpus(&memory, &t), -1);
	assert_int_equal(t.count, 0);
	assert_string_equal(reports, "MP configuration table at 0xf6000: entry at offset 112 (type 0) "
			    "is unknown or runs past its end: skipped\n");
}

static void test_mp_too_many_cpus(void **state)
{
	static const uint8_t nine[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8 };
	struct cpu_tables t;

	(void)state;
	pcmp(nine, 9, 0x1ff);
	floating(FLOATING, PCMP, 0);
	assert_int_equal(mptable_find_cpus(&memory, &t), 0);
	expect_ids(&t, nine, CONFIG_MAX_CPUS);
	assert_int_equal(t.beyond, 1);
}

static void test_mp_default_configuration(void **state)
{
	struct cpu_tables t;

	(void)state;
	floating(FLOATING, 0, 5);
	assert_int_equal(mptable_find_cpus(&memory, &t), -1);
	assert_string_equal(reports, "MP floating pointer at 0xf5a50: default configuration 5, which "
			    "Bulkhead does not support: skipped\n");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_acpi_good),
		T(test_acpi_disabled_cpus_left_out),
		T(test_acpi_rsdp_in_ebda),
		T(test_acpi_bad_rsdp_checksum_skipped),
		T(test_acpi_bad_madt_checksum),
		T(test_acpi_bad_rsdt_checksum),
		T(test_acpi_truncated_madt),
		T(test_acpi_madt_absurd_length),
		T(test_acpi_madt_past_memory),
		T(test_acpi_too_many_cpus),
		T(test_acpi_xsdt_first),
		T(test_acpi_lapic_override),
		T(test_no_tables),
		T(test_mp_good),
		T(test_mp_in_base_memory),
		T(test_mp_bad_floating_checksum),
		T(test_mp_bad_table_checksum),
		T(test_mp_truncated),
		T(test_mp_too_many_cpus),
		T(test_mp_default_configuration),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
