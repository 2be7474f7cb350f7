#!/usr/bin/env python3
"""What `argwalk import` carries, says and loses, per format and relation type, measured.

Reads each input itself (an independent count of its units and relations by type), imports
the folder with the argwalk binary, reads back every map written (TOML) and every line the
import said ("not carried:", "note:"), and prints a Markdown table: for each relation type of
the format, how many the input has, how many the maps hold, how many were said, and how many
were lost without a word (the input's, less what the maps hold and what was said).

    scripts/import-table.py FORMAT DIR [ARGWALK]    FORMAT: microtext, brat, aif or argdown

Argdown is counted from what the Argdown CLI itself reads (`argdown json`, run alone in an
empty folder on a copy of each input; ARGWALK_ARGDOWN names the CLI, as for argwalk).

docs/IMPORT.md has the table for the corpora a user downloads. Python 3.11 or later.
"""

import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import xml.etree.ElementTree as ET


def count_microtext(path):
    """Units (pro and opp) and edges by type of one arggraph."""
    root = ET.parse(path).getroot()
    c = collections.Counter()
    for adu in root.iter("adu"):
        c["unit (" + adu.get("type", "?") + ")"] += 1
    for edge in root.iter("edge"):
        kind = edge.get("type")
        if kind == "add":
            # An add joins a support (linked premises) or an attack (a linked attack).
            target = next((e for e in root.iter("edge") if e.get("id") == edge.get("trg")), None)
            kind = "add (to a support)" if target is not None and target.get("type") in ("sup", "exa") else "add (to an attack)"
        if kind != "seg":
            c[kind] += 1
    return c


def count_brat(path):
    """Spans by type, stances and relations of one annotation."""
    c = collections.Counter()
    for line in open(path, encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        if len(fields) < 2:
            continue
        words = fields[1].split()
        if line.startswith("T") and words:
            c["span " + words[0]] += 1
        elif line.startswith("A") and words:
            c[words[0].lower() + " " + (words[2] if len(words) > 2 else "")] += 1
        elif line.startswith("R") and words:
            c[words[0]] += 1
    return c


def count_aif(path):
    """Nodes by type of one nodeset (arrays or columns)."""
    doc = json.load(open(path, encoding="utf-8"))
    nodes = doc.get("nodes", [])
    if isinstance(nodes, dict):
        types = nodes.get("type", {})
        types = list(types.values()) if isinstance(types, dict) else list(types)
    else:
        types = [n.get("type") for n in nodes]
    return collections.Counter("node " + str(t) for t in types)


def count_argdown(path):
    """Statements, arguments (by how they are written), premise-conclusion members, inference
    rules and relations by type, as the Argdown CLI reads them."""
    cli = os.environ.get("ARGWALK_ARGDOWN", "argdown")
    c = collections.Counter()
    with tempfile.TemporaryDirectory() as work:
        with open(path, "rb") as src, open(os.path.join(work, "input.argdown"), "wb") as dst:
            dst.write(src.read())
        subprocess.run([cli, "json", "input.argdown", "."], cwd=work, capture_output=True, check=True)
        with open(os.path.join(work, "input.json"), encoding="utf-8") as f:
            doc = json.load(f)
    c["statement"] += len(doc.get("statements", {}))
    for arg in doc.get("arguments", {}).values():
        pcs = arg.get("pcs") or []
        c["argument (" + ("premises and conclusion" if pcs else "title and description") + ")"] += 1
        for member in pcs:
            role = member.get("role", "?")
            if role == "intermediary-conclusion":
                c["intermediate conclusion"] += 1
            inference = member.get("inference") or {}
            c["inference rule"] += len(inference.get("inferenceRules") or [])
    for rel in doc.get("relations", []):
        c["relation " + rel.get("relationType", "?")] += 1
    return c


def count_maps(folder):
    """What the maps written hold: nodes by kind, links by kind, linked groups."""
    c = collections.Counter()
    for name in os.listdir(folder):
        if not name.endswith(".toml"):
            continue
        with open(os.path.join(folder, name), "rb") as f:
            doc = tomllib.load(f)
        for kind in ("premise", "evidence", "counterpoint"):
            for n in doc.get(kind, []):
                c["node " + kind] += 1
                for key in ("supports", "attacks", "undercuts"):
                    v = n.get(key)
                    if v is None:
                        continue
                    c["link " + key] += len(v) if isinstance(v, list) else 1
                if n.get("with"):
                    c["in a linked group"] += 1
                if n.get("raised"):
                    c["raised"] += 1
                if "inferred" in n.get("tags", []):
                    c["link inferred (--attach)"] += 1
        if "thesis" in doc:
            c["node thesis"] += 1
    return c


def carried(fmt, given, maps):
    """For each input type whose counterpart in the maps is known: what it is carried as, and
    how many the maps hold of it."""
    nodes = sum(v for k, v in maps.items() if k.startswith("node "))
    if fmt == "microtext":
        adds = given["add (to a support)"] + given["add (to an attack)"]
        # Each sup, each exa and each add is one support in the maps.
        supports = maps["link supports"] - maps["node evidence"] - adds
        balanced = supports == given["sup"]
        return {
            "unit (pro)": ("a node (with the opp units)", nodes - given["unit (opp)"]),
            "unit (opp)": ("a node, raised when it attacks", given["unit (opp)"] if nodes == given["unit (pro)"] + given["unit (opp)"] else "?"),
            "sup": ("a support", supports),
            "exa": ("evidence", maps["node evidence"]),
            "reb": ("an attack", maps["link attacks"]),
            "und": ("an undercut", maps["link undercuts"]),
            "add (to a support)": ("a linked premise", given["add (to a support)"] if balanced else "?"),
            "add (to an attack)": ("a support of the attacker", given["add (to an attack)"] if balanced else "?"),
        }
    if fmt == "aif":
        return {
            "node I": ("a node", nodes if nodes == given["node I"] else "?"),
            "node RA": ("supports (one a premise; several linked)", ""),
            "node CA": ("attacks, or an undercut on an RA", maps["link attacks"] + maps["link undercuts"]),
        }
    if fmt == "argdown":
        return {
            "statement": ("a node (once for each map it is in)", ""),
            "argument (title and description)": ("a node, its title the label", ""),
            "argument (premises and conclusion)": ("its premises a linked group under its conclusion", ""),
            "intermediate conclusion": ("a node, its own step", ""),
            "inference rule": ("in the conclusion's note", ""),
            "relation support": ("a support", maps["link supports"]),
            "relation attack": ("an attack", maps["link attacks"]),
            "relation undercut": ("an undercut", maps["link undercuts"]),
        }
    if fmt == "brat":
        spans = sum(v for k, v in given.items() if k.startswith("span "))
        majors = given["span MajorClaim"]
        return {
            "supports": ("a support", maps["link supports"] - given["stance For"] - maps["link inferred (--attach)"]),
            "attacks": ("an attack", maps["link attacks"] - given["stance Against"]),
            "stance For": ("a support of the thesis", given["stance For"]),
            "stance Against": ("an objection raised", given["stance Against"]),
            "span Claim": ("a node", "" ),
            "span Premise": ("a node", ""),
            "span MajorClaim": ("the thesis (restatements cited on it)", majors if nodes + majors - maps["node thesis"] == spans else "?"),
        }
    return {}


def said(lines):
    """The import's words, by kind: the relation type each names, roughly."""
    c = collections.Counter()
    for line in lines:
        m = re.match(r"\s*(not carried|note): [^:]+: [^:]+(?::\d+)?: (.*)", line)
        if not m:
            continue
        kind, what = m.groups()
        key = what
        for pattern, name in [
            (r"add edge joins the (reb|und)", "add (to an attack)"),
            (r"has a type argwalk does not know: (\w+)", r"\1"),
            (r"^an? (\w+) relation (?:to|from)", r"relation \1"),
            (r"a further relation of", "a further relation"),
            (r"linked attack", "add (to an attack)"),
            (r"the (\w+) node", r"node \1"),
            (r"transitions between locutions", "node TA"),
            (r"not connected to the central claim", "unit not connected"),
            (r"restatement of the major claim", "span MajorClaim (restated)"),
            (r"annotator's note", "annotator note"),
        ]:
            mm = re.search(pattern, what)
            if mm:
                key = mm.expand(name)
                break
        c[(kind, key)] += 1
    return c


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("microtext", "brat", "aif", "argdown"):
        print("usage: import-table.py microtext|brat|aif|argdown DIR [ARGWALK]", file=sys.stderr)
        return 2
    fmt, folder = sys.argv[1], sys.argv[2]
    argwalk = sys.argv[3] if len(sys.argv) > 3 else "argwalk"
    ext = {"microtext": ".xml", "brat": ".ann", "aif": ".json", "argdown": ".argdown"}[fmt]
    counter = {"microtext": count_microtext, "brat": count_brat, "aif": count_aif, "argdown": count_argdown}[fmt]
    inputs = sorted(f for f in os.listdir(folder) if f.endswith(ext))
    given = collections.Counter()
    for f in inputs:
        given += counter(os.path.join(folder, f))
    with tempfile.TemporaryDirectory() as out:
        lib = os.path.join(out, "lib")
        run = subprocess.run(
            [argwalk, "import", folder, "--from", fmt, "-o", lib],
            capture_output=True, text=True,
        )
        words = said(run.stdout.splitlines())
        maps = count_maps(lib)
        written = sum(1 for f in os.listdir(lib) if f.endswith(".toml"))
    print(f"{len(inputs)} {fmt} inputs, {written} maps written")
    print()
    print("| in the input | count | carried as | count | said as not carried | said in a note |")
    print("| --- | --- | --- | --- | --- | --- |")
    known = carried(fmt, given, maps)
    for kind, n in sorted(given.items()):
        target, held = known.get(kind, ("", ""))
        lost = sum(v for (k, key), v in words.items() if k == "not carried" and key == kind)
        noted = sum(v for (k, key), v in words.items() if k == "note" and key == kind)
        print(f"| {kind} | {n} | {target} | {held} | {lost} | {noted} |")
    print()
    print("What the maps hold: " + ", ".join(f"{k} {v}" for k, v in sorted(maps.items())))
    others = [(k, key, v) for (k, key), v in sorted(words.items()) if key not in given]
    if others:
        print()
        print("Also said: " + "; ".join(f"{k}: {key} ({v})" for k, key, v in others))
    return 0


if __name__ == "__main__":
    sys.exit(main())
