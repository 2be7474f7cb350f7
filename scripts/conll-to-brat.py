#!/usr/bin/env python3
"""The Argument Annotated Essays as brat standoff, from their CoNLL edition.

UKP's acl2017-neural_end2end_am repository publishes the essays' final annotation as CoNLL
(`data/conll/Essay_Level/SPLIT.dat`, one token a line: its word and a label such as
`B-Premise:-1:Support`, `I-Claim:For`, `B-MajorClaim`; and `Paragraph_Level/SPLIT.dat`, the same
tokens cut at paragraphs). This writes each essay as `essayNNN.txt` (its title, then its
paragraphs, the tokens joined by single spaces) and `essayNNN.ann` (spans, stances, relations)
into OUT, so that `argwalk import OUT --from brat` and `scripts/import-table.py brat OUT` can read
them where the brat edition itself is not at hand. The words are the corpus's; only the
spacing between tokens differs from the original essays.

    scripts/conll-to-brat.py ESSAY_LEVEL.dat PARAGRAPH_LEVEL.dat OUT [FIRST_NUMBER]
"""

import os
import sys


def blocks(path):
    """The blank-line separated blocks of a CoNLL file: each a list of (word, label)."""
    out, block = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if block:
                    out.append(block)
                    block = []
                continue
            cols = line.split("\t")
            block.append((cols[1], cols[-1]))
    if block:
        out.append(block)
    return out


def essays(essay_path, paragraph_path):
    """Each essay as its paragraphs (the first its title), each a list of (word, label): the
    essay's own tokens and labels (its components numbered over the whole essay), cut where
    the paragraph edition cuts. The two editions tokenize a word differently here and there
    ("education" is "educatio" and "n" in one), so the cut is found by the letters, not the
    tokens."""
    paragraphs = blocks(paragraph_path)
    k = 0
    for essay in blocks(essay_path):
        parts, taken = [], 0
        while taken < len(essay):
            if k >= len(paragraphs):
                raise SystemExit("the paragraph edition ends before the essays do")
            letters = sum(len(w) for w, _ in paragraphs[k])
            k += 1
            end, have = taken, 0
            while end < len(essay) and have < letters:
                have += len(essay[end][0])
                end += 1
            if have != letters:
                raise SystemExit(f"paragraph {k} does not follow its essay's letters")
            parts.append(essay[taken:end])
            taken = end
        yield parts


def write(parts, stem):
    """Writes one essay's text and annotation."""
    text, spans = "", []
    for i, para in enumerate(parts):
        if i == 1:
            text += "\n"
        for j, (word, label) in enumerate(para):
            if j:
                text += " "
            at = len(text)
            text += word
            if label.startswith("B-"):
                spans.append([label[2:], at, len(text)])
            elif label.startswith("I-") and spans:
                spans[-1][2] = len(text)
        text += "\n"
    ann = []
    for n, (label, a, b) in enumerate(spans, 1):
        kind = label.split(":")[0]
        ann.append(f"T{n}\t{kind} {a} {b}\t{text[a:b]}")
    stance = relation = 0
    for n, (label, _, _) in enumerate(spans, 1):
        fields = label.split(":")
        if fields[0] == "Claim" and len(fields) > 1:
            stance += 1
            ann.append(f"A{stance}\tStance T{n} {fields[1]}")
        elif fields[0] == "Premise" and len(fields) > 2:
            target = n + int(fields[1])
            relation += 1
            kind = "supports" if fields[2] == "Support" else "attacks"
            ann.append(f"R{relation}\t{kind} Arg1:T{n} Arg2:T{target}\t")
    with open(stem + ".txt", "w", encoding="utf-8") as f:
        f.write(text)
    with open(stem + ".ann", "w", encoding="utf-8") as f:
        f.write("\n".join(ann) + "\n")


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    essay_path, paragraph_path, out = sys.argv[1:4]
    first = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    os.makedirs(out, exist_ok=True)
    n = first
    for parts in essays(essay_path, paragraph_path):
        write(parts, os.path.join(out, f"essay{n:03d}"))
        n += 1
    print(f"{n - first} essays written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
