#!/usr/bin/env bash
# How long reading the end-to-end benchmark's 10,000 pages takes, and nothing else
# (`read_floor.rs`, built here with rustc: open, size, read into one buffer, close, a
# file at a time), run right after a reading of them, then after pauses of 0.5 s, 1 s
# and 5 s. On a virtual machine whose memory not touched for a while can be slower to
# touch again (the page cache is such memory), the pause before a run can change its
# time several-fold; this gives the floor under `timeline`'s time on the pages, and
# how it moves with the machine.
#
# Run: bash benches/scripts/read_floor.sh [RUNS]   (after benches/scripts/end_to_end.sh,
# which makes target/e2e/pages)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
dir=target/e2e/pages
if [ ! -d "$dir" ]; then
  echo "no $dir: run benches/scripts/end_to_end.sh first" >&2
  exit 1
fi
bin=target/read_floor
if [ ! -x "$bin" ] || [ benches/scripts/read_floor.rs -nt "$bin" ]; then
  rustc -O --edition 2024 benches/scripts/read_floor.rs -o "$bin"
fi
read_all() { "$bin" "$dir" 2> /dev/null; } # milliseconds to read every page once
for pause in 0 0.5 1 5; do
  times=()
  for _ in $(seq "$runs"); do
    if [ "$pause" = 0 ]; then read_all > /dev/null; else sleep "$pause"; fi
    times+=("$(read_all)")
  done
  printf 'after a pause of %-4s s: %s ms\n' "$pause" "${times[*]}"
done
