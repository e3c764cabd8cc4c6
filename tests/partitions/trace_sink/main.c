/* The reader end of trace_bench's port: it only has to exist, so it halts at once. */
#include <bulkhead.h>

int main(void)
{
	return 0;
}
