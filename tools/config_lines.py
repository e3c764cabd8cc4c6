#!/usr/bin/env python3
"""The line of each field of a deployment in its C file, as the compiler sees it.

    tools/config_lines.py CONFIG.c FIELD...      e.g. partitions[1].vcpu_count windows[0]

prints one line number per FIELD, in order. configtool runs it only when it has errors to print.
clang's AST (-ast-dump=json) gives each initializer's place in the file: a field is found at its
designated initializer, a field the file leaves out at the entry that holds it (a missing .image
at its partition's braces), and anything else at `deployment` itself. Without clang, or for a file
it cannot parse, every field gets the line of `deployment` found in the text, or 0 if none.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STEP = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")


def parse_field(field):
    """'partitions[1].vcpu_count' -> ['partitions', 1, 'vcpu_count']"""
    return [name if name else int(index) for name, index in STEP.findall(field)]


def offset_of(node):
    """Where a node begins in the file: the expansion of a macro (MIB(16)) counts, not its body."""
    begin = node.get("range", {}).get("begin", {})
    begin = begin.get("expansionLoc", begin)
    return begin.get("offset")


class Deployment:
    def __init__(self, ast):
        self.records = {}
        self.var = None
        for decl in ast.get("inner", []):
            if decl.get("kind") == "RecordDecl" and decl.get("completeDefinition"):
                self.records["struct " + decl["name"]] = [
                    f["name"] for f in decl.get("inner", []) if f.get("kind") == "FieldDecl"]
            if (decl.get("kind") == "VarDecl" and decl.get("name") == "deployment"
                    and decl.get("inner")):
                self.var = decl

    def offset(self, path):
        """The offset of the deepest initializer on `path` the file writes."""
        node = self.var["inner"][0]
        best = offset_of(node)
        for step in path:
            if node.get("kind") != "InitListExpr":
                break
            # clang 14 writes the filler of an array left partly unwritten first, then the
            # entries, all under "array_filler"
            inner = node.get("inner", node.get("array_filler", [None])[1:])
            if isinstance(step, int):
                index = step
            else:
                fields = self.records.get(node["type"].get("desugaredQualType",
                                                           node["type"]["qualType"]), [])
                if step not in fields:
                    break
                index = fields.index(step)
            if index >= len(inner):
                break
            node = inner[index]
            # the value's conversions begin where the value does
            while node.get("kind") == "ImplicitCastExpr" and node.get("inner"):
                node = node["inner"][0]
            if node.get("kind") == "ImplicitValueInitExpr" or offset_of(node) is None:
                break
            best = offset_of(node)
        return best


def clang_ast(config):
    proc = subprocess.run(
        ["clang", "-x", "c", "-std=gnu11", "-ffreestanding", "-fsyntax-only", "-w",
         "-I" + os.path.join(ROOT, "include"), "-I" + os.path.join(ROOT, "include", "arch", "x86"),
         "-Xclang", "-ast-dump=json", config],
        capture_output=True, text=True, check=False)
    return json.loads(proc.stdout) if proc.returncode == 0 else None


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    config, fields = argv[0], argv[1:]
    with open(config, "rb") as f:
        text = f.read()

    def line(offset):
        return text.count(b"\n", 0, offset) + 1

    m = re.search(rb"\bdeployment\s*=", text)
    fallback = line(m.start()) if m else 0
    try:
        ast = clang_ast(config)
    except (OSError, ValueError):
        ast = None
    deployment = Deployment(ast) if ast else None
    for field in fields:
        offset = deployment.offset(parse_field(field)) if deployment and deployment.var else None
        print(line(offset) if offset is not None and offset <= len(text) else fallback)


if __name__ == "__main__":
    main(sys.argv[1:])
