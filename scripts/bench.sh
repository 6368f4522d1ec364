#!/usr/bin/env bash
# End-to-end speed and memory of `raqib code` (docs/PERFORMANCE.md, "End to end"): on the GSR
# reports (../shared/external/arabic-event-gsr) when present and on a generated Arabic news
# corpus of $MB megabytes of text (default 100; written to $DIR, never committed), with 1 and
# 2 worker threads. Prints, per corpus and thread count: the median wall time of $RUNS runs
# (default 3), text MB/s on the wall clock, and per core on CPU time (user + system, which
# does not count time spent waiting for a core on a shared machine), sentences/s per core,
# and the largest max RSS.
#
#   scripts/bench.sh            # MB=100 RUNS=3 DIR=/tmp/raqib-bench
set -euo pipefail
cd "$(dirname "$0")/.."
MB=${MB:-100}
RUNS=${RUNS:-3}
DIR=${DIR:-/tmp/raqib-bench}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$DIR"
cargo build --release --bin raqib -p raqib -q
cargo build --release -p raqib-lexicon --example news_corpus -q
RAQIB=$TARGET/release/raqib
GEN=$TARGET/release/examples/news_corpus

corpora=()
GSR=../shared/external/arabic-event-gsr/reports.jsonl
[[ -f $GSR ]] && corpora+=("$GSR")
if [[ ! -f $DIR/news-$MB.jsonl ]]; then
  "$GEN" generate "$MB" "$DIR/news-$MB.jsonl" >/dev/null
fi
corpora+=("$DIR/news-$MB.jsonl")

# Lexicon load alone: coding an empty report is load + nothing.
printf '' > "$DIR/empty.txt"
echo "startup (lexicon load + empty report), 3 runs, seconds and max RSS KiB:"
for _ in 1 2 3; do
  /usr/bin/time -o "$DIR/time.txt" -f "%e %M" "$RAQIB" code "$DIR/empty.txt" -o /dev/null || true
  sed 's/^/  /' "$DIR/time.txt"
done

for c in "${corpora[@]}"; do
  read -r reports bytes sentences < <("$GEN" stats "$c" | sed 's/[a-z_]*=//g')
  echo "corpus $c: $reports reports, $bytes text bytes, $sentences sentences"
  for j in 1 2; do
    walls=()
    cpus=()
    rss=0
    for _ in $(seq "$RUNS"); do
      /usr/bin/time -o "$DIR/time.txt" -f "%e %U %S %M" "$RAQIB" code -j"$j" "$c" -o /dev/null 2>/dev/null || true
      read -r e u s m < <(tail -1 "$DIR/time.txt")
      walls+=("$e")
      cpus+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")
      (( m > rss )) && rss=$m
    done
    median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    wall=$(median "${walls[@]}")
    cpu=$(median "${cpus[@]}")
    awk -v t="$wall" -v c="$cpu" -v b="$bytes" -v s="$sentences" -v j="$j" -v m="$rss" \
        -v walls="${walls[*]}" -v cpus="${cpus[*]}" 'BEGIN {
      printf "  -j%d: wall %.2f s (%s), %.2f MB/s; CPU %.2f s (%s), %.2f MB/s and %.0f sentences/s per core; max RSS %.0f MB\n",
        j, t, walls, b/t/1e6, c, cpus, b/c/1e6, s/c, m/1024 }'
  done
done
