#!/usr/bin/env python3
"""The functions of src/ longer than a limit (100 lines unless given), longest first.

A function runs from its `fn` line to the closing brace at the indent it opened at, as
rustfmt writes it; the count includes both lines. For the closing note's figure of how many
functions are too long to read in one sitting.

    scripts/long-functions.py [LIMIT]
"""

import os
import re
import sys


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    found = []
    for root, _, files in os.walk("src"):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            i = 0
            while i < len(lines):
                m = re.match(r"^(\s*)(pub(\([^)]*\))?\s+)?(const\s+)?fn\s+(\w+)", lines[i])
                if m and not lines[i].rstrip().endswith(";"):
                    indent = len(m.group(1))
                    j = i + 1
                    while j < len(lines) and not (
                        lines[j].startswith(" " * indent + "}")
                        and len(lines[j]) - len(lines[j].lstrip()) == indent
                    ):
                        j += 1
                    if j - i + 1 > limit:
                        found.append((j - i + 1, path, m.group(5)))
                    i = j
                i += 1
    for n, path, fn in sorted(found, reverse=True):
        print(f"{n:5}  {path}  {fn}")
    print(f"{len(found)} functions over {limit} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
