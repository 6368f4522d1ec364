#!/usr/bin/env bash
# The main test suite: formatting, lints, every crate's tests, then the evaluations on
# ../shared when it is there. Heavy suites run from .ci/run after this.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo build --release --bin raqib
cargo test --workspace
scripts/eval.sh
