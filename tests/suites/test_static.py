"""Issue 7: cppcheck and clang-tidy find nothing in the kernel, the runtime and the library."""
from harness import test, make


@test("static analysis: cppcheck is clean", group="host")
def _(t):
    proc = make("cppcheck", check=False)
    t.true(proc.returncode == 0, f"cppcheck findings:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")


@test("static analysis: clang-tidy is clean", group="host", slow=True)
def _(t):
    proc = make("clang-tidy", check=False)
    t.true(proc.returncode == 0, f"clang-tidy findings:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
