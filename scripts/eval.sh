#!/usr/bin/env bash
# Evaluations on ../shared (seed, storyline, GSR detection), when it is there.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
bin=target/release/raqib
if [[ ! -d $shared/spec ]]; then
  echo "eval: ../shared not found: evaluations skipped"
  exit 0
fi
[[ -x $bin ]] || cargo build --release --bin raqib
out=$(mktemp -d)
$bin code --date 2018-04-07 "$shared/seed/douma-2018-04.ar.txt" -o "$out/seed-ar.jsonl"
$bin code --date 2018-04-07 --id douma-2018-04-en "$shared/seed/douma-2018-04-en.txt" -o "$out/seed-en.jsonl"
echo "seed (ar): $(python3 $shared/spec/score.py --gold $shared/seed/douma-2018-04.gold.json --coded $out/seed-ar.jsonl --text-dir $shared/seed | tail -1)"
echo "seed (en): $(python3 $shared/spec/score.py --gold $shared/seed/douma-2018-04-en.gold.json --coded $out/seed-en.jsonl --text-dir $shared/seed | tail -1)"
$bin code "$shared/storyline/reports.jsonl" -o "$out/storyline.jsonl"
echo "storyline: $(python3 $shared/spec/score.py --gold $shared/storyline/gold/*.gold.json --coded $out/storyline.jsonl --text-dir $shared/storyline | tail -1)"
$bin code "$shared/external/arabic-event-gsr/reports.jsonl" -o "$out/gsr.jsonl"
python3 $shared/external/arabic-event-gsr/score_detection.py --labels $shared/external/arabic-event-gsr/labels.jsonl --coded "$out/gsr.jsonl" --type ASSAULT --type PROTEST
db="$out/storyline.db"
$bin ingest --db "$db" "$shared/storyline/reports.jsonl" >/dev/null
for k in incidents agreements evacuations; do $bin track $k --db "$db" --format jsonl > "$out/$k.jsonl"; done
python3 $shared/spec/score_track.py --expected $shared/storyline/expected.json --incidents "$out/incidents.jsonl" \
  --agreements "$out/agreements.jsonl" --evacuations "$out/evacuations.jsonl" --reports $shared/storyline/reports.jsonl --min 0.9
