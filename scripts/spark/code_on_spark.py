#!/usr/bin/env python3
"""Code a partitioned archive of reports on Apache Spark with `raqib code`.

`raqib code` is a stateless JSONL filter: reports in (`{"id","text","date","source","lang",
"url"}` per line), coded reports out, one per input line, in input order, with the contract's
deterministic event ids. This job runs it once per Spark partition:

  * the binary is shipped to every executor with `SparkContext.addFile`; the lexicon,
    gazetteer and trigger tables are embedded in it (raqib has no `--lexicon DIR` flag), so
    nothing else needs shipping and every executor codes with exactly the same data;
  * reports are partitioned by a stable hash of their id (CRC-32, not Python's salted
    `hash`) and sorted by id inside each partition, so a partition holds the same reports in
    the same order on every run: re-running a failed or speculative task writes the same
    bytes, and re-running the whole job with `overwrite` gives the same dataset;
  * a report without an id gets one from its content (`sha256:` + 16 hex digits), never from
    its position, which depends on the partitioning;
  * output is partitioned JSONL (`part-*.txt`, one coded report per line) or Parquet (one row
    per report: `id`, `n_events`, `coded` — the coded report's JSON, unchanged).

Run (local mode, two cores):

    cargo build --release --bin raqib
    python3 scripts/spark/code_on_spark.py --raqib target/release/raqib \\
        --input reports.jsonl --output coded/ --partitions 8 --master 'local[2]'

On a cluster, build raqib for the executors' platform and pass its path; `--master yarn` (or
leave `--master` out and use `spark-submit`). Reports that fail to code are kept with their
reason (`raqib code --keep-failed`), so the output has one line per input report.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import threading
import zlib


def stable_partition(report_id):
    """The partition key of a report: CRC-32 of its id (the same on every run and host)."""
    return zlib.crc32(report_id.encode("utf-8"))


def keyed(line):
    """(id, line) for one input line; a line without an id gets one from its content."""
    line = line.strip()
    if not line:
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        # Kept: raqib reports the malformed line as a failure (--keep-failed).
        return ("sha256:" + hashlib.sha256(line.encode("utf-8")).hexdigest()[:16], line)
    if not isinstance(obj, dict):
        return ("sha256:" + hashlib.sha256(line.encode("utf-8")).hexdigest()[:16], line)
    rid = obj.get("id")
    if not isinstance(rid, str) or not rid:
        digest = hashlib.sha256(json.dumps(obj, sort_keys=True).encode("utf-8")).hexdigest()
        rid = "sha256:" + digest[:16]
        obj["id"] = rid
        line = json.dumps(obj, ensure_ascii=False)
    return (rid, line)


def code_partition(binary_name, extra_args):
    """A mapPartitions function: pipe the partition's report lines through `raqib code`."""

    def run(items):
        from pyspark import SparkFiles

        lines = [line for _, line in items]
        if not lines:
            return  # an empty stdin would be read as one (empty) text report
        exe = SparkFiles.get(binary_name)
        if not os.access(exe, os.X_OK):
            os.chmod(exe, 0o755)
        cmd = [exe, "code", "-j", "1", "--keep-failed", *extra_args, "-"]
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8"))
                    proc.stdin.write(b"\n")
            finally:
                proc.stdin.close()

        errors = []
        feeder = threading.Thread(target=feed, daemon=True)
        drain = threading.Thread(target=lambda: errors.append(proc.stderr.read()), daemon=True)
        feeder.start()
        drain.start()
        for out in proc.stdout:
            out = out.rstrip(b"\n")
            if out:
                yield out.decode("utf-8")
        feeder.join()
        code = proc.wait()
        drain.join()
        # Exit 1 means some reports failed to code: they are in the output with their reason.
        if code not in (0, 1):
            raise RuntimeError(
                "raqib code exited with %d: %s"
                % (code, b"".join(errors).decode("utf-8", "replace")[-2000:])
            )

    return run


def build_job(spark, args):
    """The coded reports as an RDD of JSON lines (lazy)."""
    sc = spark.sparkContext
    binary = os.path.abspath(args.raqib)
    sc.addFile(binary)
    # The Python workers unpickle this module's functions: ship the module too.
    sc.addPyFile(os.path.abspath(__file__))
    name = os.path.basename(binary)
    extra = []
    if args.explain:
        extra.append("--explain")
    n = args.partitions
    return (
        sc.textFile(args.input, minPartitions=n)
        .map(keyed)
        .filter(lambda kv: kv is not None)
        .partitionBy(n, stable_partition)
        .mapPartitions(lambda it: iter(sorted(it, key=lambda kv: kv[0])), True)
        .mapPartitions(code_partition(name, extra))
    )


def write(spark, coded, args):
    if args.format == "jsonl":
        df = spark.createDataFrame(coded.map(lambda l: (l,)), "value string")
        df.write.mode("overwrite").text(args.output)
    else:
        def row(line):
            obj = json.loads(line)
            return (obj.get("id"), len(obj.get("events") or []), line)

        df = spark.createDataFrame(
            coded.map(row), "id string, n_events int, coded string"
        )
        df.write.mode("overwrite").parquet(args.output)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--raqib", required=True, help="path of the raqib binary to ship")
    p.add_argument("--input", required=True, help="reports: JSONL file(s), a directory or a glob")
    p.add_argument("--output", required=True, help="output directory (replaced)")
    p.add_argument("--partitions", type=int, default=8)
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    p.add_argument("--explain", action="store_true", help="pass --explain to raqib code")
    args = p.parse_args(argv)

    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName("raqib-code")
    if args.master:
        b = b.master(args.master)
    spark = b.config("spark.ui.enabled", "false").getOrCreate()
    try:
        write(spark, build_job(spark, args), args)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
