#!/usr/bin/env bash
# Browser end-to-end stage: `raqib serve` over a store holding the example reports (plus the
# seed and the storyline when ../shared is there), driven by headless Chromium (Debian's
# `chromium` + the pinned `playwright-core` of crates/serve/e2e). Screenshots and the claims
# seen go to target/e2e-artifacts/ (or $RAQIB_E2E_ARTIFACTS).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
ART="${RAQIB_E2E_ARTIFACTS:-$ROOT/target/e2e-artifacts}"
PORT="${RAQIB_E2E_PORT:-18089}"
log() { echo "stage-browser: $*" >&2; }

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if ((${#need[@]})); then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

(cd crates/serve/e2e && npm ci --no-audit --no-fund --loglevel=error)

cargo build --release --bin raqib
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/raqib"

WORK="$(mktemp -d)"
DB="$WORK/e2e.db"
SERVER=""
cleanup() {
  if [[ -n "$SERVER" ]]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" ingest --db "$DB" examples/reports/
STORY=0
SHARED="$ROOT/../shared"
if [[ -d "$SHARED/storyline" ]]; then
  "$BIN" ingest --db "$DB" --date 2018-04-07 "$SHARED/seed/douma-2018-04.ar.txt"
  "$BIN" ingest --db "$DB" --date 2018-04-07 --lang en "$SHARED/seed/douma-2018-04-en.txt"
  "$BIN" ingest --db "$DB" "$SHARED/storyline/reports.jsonl"
  STORY=1
fi

"$BIN" serve --db "$DB" --addr "127.0.0.1:$PORT" --rate-limit 0 &
SERVER=$!
for _ in $(seq 1 100); do
  if node -e "fetch('http://127.0.0.1:$PORT/api/v1/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"; then
    break
  fi
  sleep 0.2
done

mkdir -p "$ART"
RAQIB_URL="http://127.0.0.1:$PORT" RAQIB_ARTIFACTS="$ART" RAQIB_STORYLINE="$STORY" \
  node --test --test-concurrency=1 crates/serve/e2e/dashboard.test.mjs
log "screenshots in $ART"
