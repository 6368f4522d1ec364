#!/usr/bin/env bash
# Scale-out stage (issue #9), run by .ci/run after the main suite and the heavy tests:
#   1. `raqib code` on Apache Spark in local mode (scripts/spark/test_code_on_spark.py): a few
#      thousand reports, Spark local[2] output equal to one `raqib code` process, re-runs
#      idempotent, Parquet output too. Installs a Java runtime (Debian openjdk-17-jre-headless)
#      and PyPI `pyspark` when missing.
#   2. Several `raqib ingest` processes loading one PostgreSQL store at once (one killed and
#      retried) end with the serial run's store (crates/cli/tests/pg_concurrent_ingest.rs);
#      needs RAQIB_TEST_PG_URL, which .ci/run exports (scripts/ci/start-postgres.sh).
#   3. `raqib export --format parquet` (the `parquet` cargo feature, off by default), when the
#      stage still has time for the arrow/parquet build (about 3 minutes on 2 cores).
# Budget: 10 minutes on 2 cores, installs included.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
log() { echo "stage-spark: $*" >&2; }
PYSPARK_VERSION="${RAQIB_PYSPARK_VERSION:-4.3.0}"

if ! command -v java >/dev/null; then
  log "installing openjdk-17-jre-headless"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! python3 -c 'import pyspark' 2>/dev/null; then
  log "installing pyspark $PYSPARK_VERSION"
  if ! python3 -m pip --version >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq python3-pip >/dev/null
  fi
  python3 -m pip install -q "pyspark==$PYSPARK_VERSION" 2>/dev/null \
    || python3 -m pip install -q --break-system-packages "pyspark==$PYSPARK_VERSION"
fi
log "installs done after ${SECONDS}s"

cargo build --release --bin raqib
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/raqib"

log "Spark local mode"
python3 scripts/spark/test_code_on_spark.py --raqib "$BIN"

if [[ -n "${RAQIB_TEST_PG_URL:-}" ]]; then
  log "concurrent PostgreSQL ingest"
  cargo test --release -p raqib --test pg_concurrent_ingest -- --ignored
else
  log "RAQIB_TEST_PG_URL not set: the concurrent-ingest test needs scripts/ci/start-postgres.sh"
  exit 1
fi

# The Parquet build takes minutes: run it only when the stage is well inside its budget.
if (( SECONDS < ${RAQIB_PARQUET_DEADLINE:-300} )); then
  log "parquet export (after ${SECONDS}s)"
  cargo test --release -p raqib-store --features parquet --test parquet
else
  log "skipping the parquet export test: ${SECONDS}s used of the stage's 600 s"
fi
log "done in ${SECONDS}s"
