"""Copies of the working tree for tests that build from scratch, or from another place: every
file git would commit (tracked or new, not ignored), no build/ and no .git (git describe then
says 'unknown', as in any copy: the same for every copy)."""
import os
import shutil
import subprocess

from harness import ROOT


def copy_working_tree(dest):
    """Copies the working tree to dest (created); returns dest."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in (f.decode() for f in files if f):
        src = os.path.join(ROOT, name)
        if not os.path.lexists(src):   # deleted, not yet committed
            continue
        os.makedirs(os.path.dirname(os.path.join(dest, name)), exist_ok=True)
        shutil.copy2(src, os.path.join(dest, name), follow_symlinks=False)
    return dest


def files_outside_build(root):
    """{path: (size, mtime_ns)} for every file of root but build/, .git and __pycache__."""
    found = {}
    for top, dirs, files in os.walk(root):
        if top == root:
            dirs[:] = [d for d in dirs if d not in ("build", ".git")]
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            path = os.path.join(top, name)
            st = os.lstat(path)
            found[os.path.relpath(path, root)] = (st.st_size, st.st_mtime_ns)
    return found
