#!/bin/sh
# Runs QEMU and turns the isa-debug-exit status into a plain one:
#   33 (clean shutdown) -> 0, 35 (kernel panic) -> 2, 37 (GRUB could not load the kernel) -> 3,
#   anything else -> itself.
"$@"
status=$?
# SeaBIOS turns the terminal's line wrap off; give it back
[ -t 1 ] && printf '\033[?7h'
case $status in
  33) exit 0 ;;
  35) echo "bulkhead: the kernel panicked" >&2; exit 2 ;;
  37) echo "bulkhead: GRUB could not load the kernel" >&2; exit 3 ;;
  *) exit $status ;;
esac
