#!/bin/sh
# Runs QEMU and turns the isa-debug-exit status into a plain one:
#   33 (clean shutdown) -> 0, 35 (kernel panic) -> 2, anything else -> itself.
"$@"
status=$?
case $status in
  33) exit 0 ;;
  35) echo "bulkhead: the kernel panicked" >&2; exit 2 ;;
  *) exit $status ;;
esac
