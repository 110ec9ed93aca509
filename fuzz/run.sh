#!/usr/bin/env bash
# Run each fuzz target for SECONDS (default 30), with the corpus seeded from seeds/.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse roundtrip clean)
mkdir -p corpus/parse corpus/roundtrip corpus/clean
cp ../seeds/*.txt corpus/parse/
cp ../seeds/*.txt corpus/clean/
for t in "${targets[@]}"; do
  echo "fuzz: $t for ${secs}s"
  cargo fuzz run --sanitizer none "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=65536 -print_final_stats=1
done
