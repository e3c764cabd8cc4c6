/* Looks addresses up in the symbol table the second link pass embeds (sorted by address). */
#include <core/ksyms.h>

extern const uint32_t ksyms_count;
extern const uint32_t ksyms_address[];
extern const uint32_t ksyms_name_offset[];
extern const char ksyms_names[];

const char *ksym_lookup(uint32_t addr, uint32_t *offset)
{
	uint32_t lo = 0, hi = ksyms_count;

	if (!ksyms_count || addr < ksyms_address[0])
		return 0;
	/* the last symbol at or below addr */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (ksyms_address[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - ksyms_address[lo];
	return ksyms_names + ksyms_name_offset[lo];
}
