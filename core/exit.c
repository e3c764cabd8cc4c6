/* The exit step of the entries that have no core handler of their own (include/core/exit.h). */
#include <core/arch.h>
#include <core/exit.h>

void core_exit(void)
{
	exit_step();
}
