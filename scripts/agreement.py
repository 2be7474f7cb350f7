#!/usr/bin/env python3
"""How argwalk's comparison agrees with people, measured with the argwalk binary alone.

On a corpus laid out as the Argument Annotated Essays' agreement study is published
(Step1/annotatorN/essayNNN.ann, the texts in brat-project-final/essayNNN.txt), each
annotator's annotation of each essay is imported with `argwalk import --from brat --attach`
(a premise no relation leads from is placed under its paragraph's claim, marked inferred),
every two annotators' maps of an essay are compared with `argwalk compare --json`, and for
each component type this counts the components of either side that the other side's map
paired with one of the same type, against all given that type by either side. The major
claim is one thesis however often an essay states it: its statements are matched by their
quoted spans instead, each that overlaps one of the other's. docs/PERFORMANCE.md has the
figures and where to download the corpus.

    scripts/agreement.py DIR [ARGWALK]      (ARGWALK: the binary, default `argwalk`)

Python 3.11 or later (tomllib), nothing else.
"""

import json
import os
import subprocess
import sys
import tempfile
import tomllib

TYPES = ["MajorClaim", "Claim", "Premise"]


def spans(ann):
    """The annotator's components: (type, words) for each T line of the three types."""
    out = []
    for line in ann.splitlines():
        if not line.startswith("T"):
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            continue
        kind = fields[1].split(" ")[0]
        if kind in TYPES:
            out.append((kind, " ".join(fields[2].split())))
    return out


def import_map(argwalk, ann_path, txt_path, out_dir, name):
    """Imports one annotation with --attach; the map's path."""
    work = os.path.join(out_dir, name)
    os.makedirs(work)
    for src, ext in ((ann_path, ".ann"), (txt_path, ".txt")):
        with open(src, encoding="utf-8") as f, open(
            os.path.join(work, "essay" + ext), "w", encoding="utf-8"
        ) as g:
            g.write(f.read())
    target = os.path.join(work, "map.toml")
    subprocess.run(
        [argwalk, "import", "--from", "brat", "--attach",
         os.path.join(work, "essay.ann"), "-o", target],
        check=True, capture_output=True,
    )
    return target


def nodes(map_path):
    """Each node's id, whether it is the thesis, its quotes (paragraph, words)."""
    with open(map_path, "rb") as f:
        doc = tomllib.load(f)
    out = []
    tables = [("thesis", [doc["thesis"]])] + [
        (k, v) for k, v in doc.items() if isinstance(v, list) and v and isinstance(v[0], dict)
    ]
    for kind, items in tables:
        for n in items:
            quotes = [
                (c["para"], " ".join(c["quote"].split()))
                for c in n.get("cite", [])
                if isinstance(c, dict) and "quote" in c
            ]
            out.append((n["id"], kind == "thesis", quotes))
    return out, doc


def types_of(map_nodes, ann):
    """Each node's type: the one its quote has in the annotation; the thesis is the major claim."""
    by_words = {words: kind for kind, words in spans(ann)}
    out = {}
    for ident, thesis, quotes in map_nodes:
        if thesis:
            out[ident] = "MajorClaim"
        elif quotes and quotes[0][1] in by_words:
            out[ident] = by_words[quotes[0][1]]
    return out


def statements(map_nodes, doc, article):
    """The thesis's statements as (paragraph, start, end) in the article's paragraphs."""
    paragraphs = [p for p in article.split("\n") if p.strip()][1:]
    out = []
    for ident, thesis, quotes in map_nodes:
        if not thesis:
            continue
        for para, words in quotes:
            text = " ".join(paragraphs[para - 1].split())
            at = text.find(words)
            if at >= 0:
                out.append((para, at, at + len(words)))
    return out


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: agreement.py DIR [ARGWALK]", file=sys.stderr)
        return 2
    root = sys.argv[1]
    argwalk = sys.argv[2] if len(sys.argv) > 2 else "argwalk"
    step = os.path.join(root, "Step1")
    annotators = sorted(d for d in os.listdir(step) if os.path.isdir(os.path.join(step, d)))
    essays = sorted(
        f[:-4] for f in os.listdir(os.path.join(step, annotators[0])) if f.endswith(".ann")
    )
    matched = {t: 0 for t in TYPES}
    total = {t: 0 for t in TYPES}
    overall, components, done = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for essay in essays:
            txt = os.path.join(root, "brat-project-final", essay + ".txt")
            anns = [os.path.join(step, a, essay + ".ann") for a in annotators]
            if not os.path.exists(txt) or not all(os.path.exists(a) for a in anns):
                continue
            with open(txt, encoding="utf-8") as f:
                article = f.read()
            read = []
            for k, ann_path in enumerate(anns):
                path = import_map(argwalk, ann_path, txt, tmp, f"{essay}-{k}")
                with open(ann_path, encoding="utf-8") as f:
                    ann = f.read()
                map_nodes, doc = nodes(path)
                read.append((path, types_of(map_nodes, ann), statements(map_nodes, doc, article)))
            for i in range(len(read)):
                for j in range(i + 1, len(read)):
                    (pa, ta, sa), (pb, tb, sb) = read[i], read[j]
                    result = subprocess.run(
                        [argwalk, "compare", "--json", pa, pb],
                        check=True, capture_output=True, text=True,
                    )
                    c = json.loads(result.stdout)["comparison"]
                    for p in c["pairs"]:
                        x, y = ta.get(p["student"]), tb.get(p["reference"])
                        if x is not None and x == y and x != "MajorClaim":
                            matched[x] += 2
                    for t in list(ta.values()) + list(tb.values()):
                        if t != "MajorClaim":
                            total[t] += 1

                    def overlaps(s, others):
                        return any(o[0] == s[0] and s[1] < o[2] and o[1] < s[2] for o in others)

                    matched["MajorClaim"] += sum(overlaps(s, sb) for s in sa)
                    matched["MajorClaim"] += sum(overlaps(s, sa) for s in sb)
                    total["MajorClaim"] += len(sa) + len(sb)
                    overall.append(c["overall"])
                    components.append(c["components"]["f1"])
            done += 1
    print(f"{done} essays, {len(overall)} pairs of annotators compared")
    print("| type | matched | given (both sides) | argwalk's F1 |")
    print("| --- | --- | --- | --- |")
    for t in TYPES:
        f1 = matched[t] / total[t] if total[t] else 0.0
        print(f"| {t} | {matched[t]} | {total[t]} | {f1:.3f} |")
    if overall:
        print(
            "compare between annotators: components F1 "
            f"{sum(components) / len(components):.3f}, overall {sum(overall) / len(overall):.3f}"
            " (mean of the pairs)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
