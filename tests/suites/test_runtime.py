"""The partition runtime as partitions use it (the host unit tests cover runtime/ code alone)."""
from harness import test, boot, expect_status


@test("runtime: a demo partition whose port is not in the deployment names the error (bh_strerror)")
def _(t):
    r = boot(config="portless", timeout=30)
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[sensor] started on vcpu 0, port 'altitude' not opened: BH_ENOENT")
    t.contains(r.serial, "[logger] started on vcpu 0, port 'commands' not opened: BH_ENOENT")
