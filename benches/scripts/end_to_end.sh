#!/usr/bin/env bash
# End to end: `liveline timeline --format jsonl` (read, parse, clean, extract, merge,
# date, write) on a 64 MiB single page, on a directory of 10,000 pages made from the
# seeds, and on 2,000 pages in which no post repeats, with 1 and 2 jobs, run in turn.
# Prints MB/s (input bytes over wall time, best of RUNS runs), the speed-up of 2 jobs
# over 1 (of the best runs, and of the medians), and the peak resident memory of one
# run with 1 and with 2 jobs (GNU time's %M).
#
# Run: bash benches/scripts/end_to_end.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
cargo build --release --quiet
bin=$PWD/target/release/liveline
data=target/e2e
mkdir -p "$data"
# 10,000 pages: each seed under many names, each page made its own by a last line.
if [ ! -f "$data/pages/.done" ]; then
  rm -rf "$data/pages" && mkdir -p "$data/pages"
  python3 - "$data/pages" <<'PY'
import glob, os, sys
out = sys.argv[1]
seeds = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("seeds/*.txt"))]
for n in range(10_000):
    with open(os.path.join(out, f"page-{n:05}.txt"), "w", encoding="utf-8") as f:
        f.write(seeds[n % len(seeds)])
        f.write(f"\nPage {n} of the benchmark corpus, saved for the run.\n")
PY
  touch "$data/pages/.done"
fi
# 2,000 pages in which no post repeats: every paragraph of every page gets words of
# its own, so nothing comes from the memo of posts met before and every version is
# read (the near-duplicates are still merged).
if [ ! -f "$data/edited/.done" ]; then
  rm -rf "$data/edited" && mkdir -p "$data/edited"
  python3 - "$data/edited" <<'PY'
import glob, os, sys
out = sys.argv[1]
seeds = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("seeds/*.txt"))]
for n in range(2_000):
    lines = seeds[n % len(seeds)].split("\n")
    lines = [l + f" Saved as copy {n}." if len(l) > 80 else l for l in lines]
    with open(os.path.join(out, f"edited-{n:05}.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
PY
  touch "$data/edited/.done"
fi
# One 64 MiB page: the live blogs' posts repeated under one title.
if [ ! -f "$data/one-64MiB.txt" ]; then
  python3 - "$data/one-64MiB.txt" <<'PY'
import sys
blog = open("seeds/003_8ceedb8b0327a9e8.txt", encoding="utf-8").read()
head, body = blog.split("\n10:46", 1)
body = "10:46" + body
limit = 64 << 20
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write(head + "\n")
    n = len(head.encode())
    while n < limit:
        f.write(body + "\n")
        n += len(body.encode()) + 1
PY
fi
# Wall seconds of one run of the command, read from bash's own clock where it has one,
# so that no process started to read the time (`date`: a millisecond or two here) is
# counted with the command.
wall() {
  local s e
  if [ -n "${EPOCHREALTIME:-}" ]; then
    s=${EPOCHREALTIME/,/.}; "$@" > /dev/null; e=${EPOCHREALTIME/,/.}
  else
    s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N)
  fi
  echo "$e - $s" | bc -l
}
# The best and the median of a list of numbers.
best_of() { printf '%s\n' "$@" | sort -g | head -1; }
median_of() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
peak() { # peak resident memory in MB of one run of the command ("?" without GNU time)
  local f
  if [ ! -x /usr/bin/time ]; then echo "?"; return; fi
  f=$(mktemp)
  /usr/bin/time -f %M -o "$f" "$@" > /dev/null
  echo "$(tail -1 "$f") / 1000" | bc
  rm -f "$f"
}
for input in "$data/one-64MiB.txt" "$data/pages" "$data/edited"; do
  bytes=$(du -sb --apparent-size "$input" | cut -f1)
  mb=$(echo "$bytes / 1000000" | bc -l)
  # 1 job and 2 jobs in turn, so that both meet the machine as it is at the time.
  one=(); two=()
  for _ in $(seq "$runs"); do
    one+=("$(wall "$bin" --jobs 1 timeline "$input" --date 2022-01-22 --format jsonl)")
    two+=("$(wall "$bin" --jobs 2 timeline "$input" --date 2022-01-22 --format jsonl)")
  done
  t1=$(best_of "${one[@]}"); t2=$(best_of "${two[@]}")
  m1=$(median_of "${one[@]}"); m2=$(median_of "${two[@]}")
  r1=$(peak "$bin" --jobs 1 timeline "$input" --date 2022-01-22 --format jsonl)
  r2=$(peak "$bin" --jobs 2 timeline "$input" --date 2022-01-22 --format jsonl)
  printf '%-14s %6.1f MB  best: 1 job %6.1f MB/s, 2 jobs %6.1f MB/s, %.2fx  median: %.2fx  peak RSS %s / %s MB\n' \
    "$(basename "$input")" "$mb" "$(echo "$mb / $t1" | bc -l)" "$(echo "$mb / $t2" | bc -l)" \
    "$(echo "$t1 / $t2" | bc -l)" "$(echo "$m1 / $m2" | bc -l)" "$r1" "$r2"
done
