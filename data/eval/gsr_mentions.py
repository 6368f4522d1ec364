#!/usr/bin/env python3
"""Recall and precision of raqib's actor and place mentions on the hand-marked GSR sentences.

usage: gsr_mentions.py (--raqib BIN | --coder CMD) [--shared DIR] [--verbose] [--min-recall X]

  --raqib BIN   a raqib binary: runs `BIN code --explain` on the 50 sentences
  --coder CMD   any command reading raqib input JSONL on stdin and writing coded JSONL (with the
                `--explain` sentences) on stdout, e.g. the extract crate's `code_stdin --explain`

The marks are `gsr-mentions.tsv` (README.md says how they were made); the sentences are read from
`../shared/external/arabic-event-gsr/reports.jsonl` (skipped, exit 0, when that is absent).

A mark is recognised when an explain mention of the same kind (actor or outlet for `actor`) ends
where the mark ends and starts where it starts or up to two proclitics (و ف ب ل ك) earlier, and
its code fits (same country, every role of the mark present; alternatives separated by |) or its
place id is one of the mark's. Precision counts the recognised actor, outlet and place mentions
of those sentences that match a mark this way.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROCLITICS = set("وفبلك")


def fits(got, want):
    g, w = (got or "").upper(), want.upper()
    roles = lambda c: {c[i:i + 3] for i in range(3, len(c), 3)}
    return g[:3] == w[:3] and roles(w) <= roles(g)


def load_marks():
    marks = []
    with open(os.path.join(HERE, "gsr-mentions.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("id\t") or not line.strip():
                continue
            rid, s, e, kind, exp = line.rstrip("\n").split("\t")
            marks.append((rid, int(s), int(e), kind, exp.split("|")))
    return marks


def run_coder(args, inputs):
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in inputs)
    if args.raqib:
        with tempfile.TemporaryDirectory() as d:
            src, out = os.path.join(d, "in.jsonl"), os.path.join(d, "out.jsonl")
            with open(src, "w", encoding="utf-8") as f:
                f.write(data)
            subprocess.run([args.raqib, "code", "--explain", src, "-o", out], check=True)
            with open(out, encoding="utf-8") as f:
                text = f.read()
    else:
        text = subprocess.run(args.coder, shell=True, input=data, capture_output=True,
                              text=True, check=True).stdout
    return {r["id"]: r for r in map(json.loads, filter(str.strip, text.splitlines()))}


def matches(m, text, s, e, kind, exp):
    fam = "actor" if m["kind"] in ("actor", "outlet") else m["kind"]
    if fam != kind or m["span"][1] != e:
        return False
    a, b = sorted((m["span"][0], s))
    gap = text[a:b]
    if gap and not (len(gap) <= 2 and set(gap) <= PROCLITICS):
        return False
    if kind == "actor":
        return any(fits(m.get("code"), x) for x in exp)
    return m.get("id") in exp


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--raqib")
    g.add_argument("--coder")
    ap.add_argument("--shared", default=os.path.join(HERE, "../../../shared"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--min-recall", type=float, default=0.0)
    args = ap.parse_args()
    src = os.path.join(args.shared, "external/arabic-event-gsr/reports.jsonl")
    if not os.path.exists(src):
        print(f"gsr_mentions: {src} not found, skipped")
        return 0
    marks = load_marks()
    ids = {m[0] for m in marks}
    with open(src, encoding="utf-8") as f:
        inputs = [r for r in map(json.loads, f) if r["id"] in ids]
    texts = {r["id"]: r["text"] for r in inputs}
    coded = run_coder(args, inputs)
    got = {rid: [m for s in (coded[rid].get("sentences") or []) for m in s.get("mentions", [])
                 if m["kind"] in ("actor", "outlet", "place")] for rid in coded}
    found = 0
    used = {rid: [False] * len(ms) for rid, ms in got.items()}
    for rid, s, e, kind, exp in marks:
        ms = got.get(rid, [])
        hit = [k for k, m in enumerate(ms) if matches(m, texts[rid], s, e, kind, exp)]
        if hit:
            found += 1
            used[rid][hit[0]] = True
        elif args.verbose:
            near = [(m["kind"], m["text"], m.get("code"), m.get("id")) for m in ms
                    if m["span"][0] < e and s < m["span"][1]]
            print(f"missed {rid} {kind} {texts[rid][s:e]!r} {exp} got {near}")
    total = sum(len(v) for v in got.values())
    right = sum(sum(v) for v in used.values())
    if args.verbose:
        for rid, ms in got.items():
            for m, u in zip(ms, used[rid]):
                if not u:
                    print(f"unmarked {rid} {m['kind']} {m['text']!r} {m.get('code')} {m.get('id')}")
    recall = found / len(marks)
    precision = right / total if total else 0.0
    print(f"gsr mentions: {len(marks)} marks in {len(ids)} sentences; recall {found}/{len(marks)} = "
          f"{recall:.3f}; precision {right}/{total} = {precision:.3f}")
    return 0 if recall >= args.min_recall else 1


if __name__ == "__main__":
    sys.exit(main())
