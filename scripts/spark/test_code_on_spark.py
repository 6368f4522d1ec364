#!/usr/bin/env python3
"""Test of scripts/spark/code_on_spark.py in Spark local mode, against a real Spark (PyPI
`pyspark`, a Java runtime) and the real `raqib` binary:

  1. a few thousand reports, generated at test time (the GSR development reports from
     ../shared/external/arabic-event-gsr when present, the repository's example reports
     under many ids otherwise — nothing large is committed), coded by one `raqib code`
     process and by the Spark job on local[2]: the outputs hold the same coded reports,
     byte for byte;
  2. the job run again gives partition files identical to the first run's (re-running a
     partition is idempotent);
  3. the Parquet output holds the same coded reports.

    python3 scripts/spark/test_code_on_spark.py --raqib target/release/raqib [--reports N]

Prints the reports/s of each run and ends with a `N passed, N failed` line; exits 1 on a
failure.
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import code_on_spark  # noqa: E402


def make_reports(path, n):
    """Write about `n` reports to `path`; returns how many and their bytes of text."""
    gsr = os.path.join(ROOT, "..", "shared", "external", "arabic-event-gsr", "reports.jsonl")
    base = []
    if os.path.exists(gsr):
        with open(gsr, encoding="utf-8") as f:
            base = [json.loads(l) for l in f if l.strip()]
    ex = os.path.join(ROOT, "examples", "reports")
    for p in sorted(glob.glob(os.path.join(ex, "*.jsonl"))):
        with open(p, encoding="utf-8") as f:
            base += [json.loads(l) for l in f if l.strip()]
    for p in sorted(glob.glob(os.path.join(ex, "*.txt"))):
        name = os.path.basename(p)
        with open(p, encoding="utf-8") as f:
            base.append({
                "id": name.split(".")[0],
                "text": f.read(),
                "lang": "ar" if ".ar." in name else "en",
                "date": "2018-04-07",
            })
    out, k = [], 0
    while len(out) < n:
        for r in base:
            if len(out) >= n:
                break
            r = dict(r)
            if k:
                r["id"] = "copy%d-%s" % (k, r["id"])
            out.append(r)
        k += 1
    with open(path, "w", encoding="utf-8") as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(out), sum(len(r.get("text", "").encode("utf-8")) for r in out)


def by_id(lines):
    out = {}
    for l in lines:
        rid = json.loads(l)["id"]
        assert rid not in out, "report %s twice" % rid
        out[rid] = l
    return out


def part_files(d):
    """Partition index → content, of a Spark text output directory."""
    parts = {}
    for p in sorted(glob.glob(os.path.join(d, "part-*"))):
        idx = os.path.basename(p).split("-")[1]
        with open(p, encoding="utf-8") as f:
            parts[idx] = f.read()
    return parts


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--raqib", default=os.path.join(ROOT, "target", "release", "raqib"))
    p.add_argument("--reports", type=int, default=3000)
    p.add_argument("--partitions", type=int, default=8)
    p.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = p.parse_args()
    tmp = tempfile.mkdtemp(prefix="raqib-spark-")
    passed, failed = 0, 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print("ok   %s" % name)
        else:
            failed += 1
            print("FAIL %s %s" % (name, detail))

    try:
        src = os.path.join(tmp, "reports.jsonl")
        n, nbytes = make_reports(src, args.reports)
        print("%d reports, %.2f MB of text" % (n, nbytes / 1e6))

        single = os.path.join(tmp, "single.jsonl")
        t = time.time()
        rc = subprocess.run(
            [args.raqib, "code", "-j", "1", "--keep-failed", src, "-o", single]
        ).returncode
        t1 = time.time() - t
        check("single process ran", rc in (0, 1), "exit %d" % rc)
        print("single process (-j1): %.1f s, %.0f reports/s" % (t1, n / t1))
        with open(single, encoding="utf-8") as f:
            want = by_id([l.rstrip("\n") for l in f if l.strip()])
        check("single process coded every report", len(want) == n, "%d of %d" % (len(want), n))

        def spark_run(out, fmt="jsonl"):
            t = time.time()
            code_on_spark.main([
                "--raqib", args.raqib, "--input", src, "--output", out,
                "--partitions", str(args.partitions), "--format", fmt,
                "--master", "local[2]",
            ])
            return time.time() - t

        out1 = os.path.join(tmp, "spark1")
        t2 = spark_run(out1)
        print("spark local[2], %d partitions: %.1f s, %.0f reports/s (JVM start-up included)"
              % (args.partitions, t2, n / t2))
        parts1 = part_files(out1)
        got = by_id([l for c in parts1.values() for l in c.split("\n") if l])
        check("spark coded every report once", set(got) == set(want),
              "%d vs %d ids" % (len(got), len(want)))
        diff = [i for i in want if got.get(i) != want[i]]
        check("spark output equals the single-process output", not diff,
              "%d reports differ, e.g. %s" % (len(diff), diff[:3]))
        check("output is partitioned", len(parts1) > 1, "%d part files" % len(parts1))

        out2 = os.path.join(tmp, "spark2")
        spark_run(out2)
        check("a re-run writes the same partitions, byte for byte", part_files(out2) == parts1)

        out3 = os.path.join(tmp, "spark-parquet")
        spark_run(out3, "parquet")
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
        try:
            rows = spark.read.parquet(out3).collect()
        finally:
            spark.stop()
        pq = {r["id"]: r["coded"] for r in rows}
        check("parquet output holds the same coded reports",
              pq == want and all(r["n_events"] == len(json.loads(r["coded"])["events"]) for r in rows))
    finally:
        if args.keep:
            print("kept", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
