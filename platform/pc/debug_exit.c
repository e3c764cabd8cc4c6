/*
 * Stopping the machine. Under QEMU the isa-debug-exit device (port 0xf4) ends the emulator with
 * exit status (value << 1) | 1, so scripts tell a clean shutdown from a panic. On hardware the
 * write goes nowhere and the CPU halts.
 */
#include <io.h>
#include <core/arch.h>
#include <core/platform.h>

#define DEBUG_EXIT_PORT 0xf4
#define EXIT_SHUTDOWN 0x10    /* QEMU exit status 33 */
#define EXIT_PANIC 0x11       /* QEMU exit status 35 */

void platform_shutdown(void)
{
	outb(DEBUG_EXIT_PORT, EXIT_SHUTDOWN);
	arch_halt();
}

void platform_panic_exit(void)
{
	outb(DEBUG_EXIT_PORT, EXIT_PANIC);
	arch_halt();
}
