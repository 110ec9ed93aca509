#!/usr/bin/env bash
# Peak memory of the streaming mode: `liveline --input jsonl parse - --format jsonl`
# reading SIZE_MB (default 1024) of JSONL records (the seeds, each under many ids)
# from a pipe and writing a record a line to /dev/null. Prints the wall time, the
# throughput and the peak resident set size reported by GNU time.
#
# Run: bash benches/scripts/stream_rss.sh [SIZE_MB] [JOBS]
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mb=${1:-1024}
jobs=${2:-2}
cargo build --release --quiet
bin=target/release/liveline
# One line a seed page, repeated under new ids until SIZE_MB are written.
generate() {
  python3 - "$size_mb" <<'PY'
import glob, json, sys
limit = int(sys.argv[1]) << 20
pages = [open(f, encoding="utf-8").read() for f in sorted(glob.glob("seeds/*.txt"))]
out = sys.stdout
written = n = 0
while written < limit:
    line = json.dumps({"id": f"page-{n}", "text": pages[n % len(pages)], "crawl": "bench"}) + "\n"
    out.write(line)
    written += len(line.encode())
    n += 1
PY
}
start=$(date +%s.%N)
generate | /usr/bin/time -f "peak_rss_kb %M" -o target/stream_rss.time \
  "$bin" --jobs "$jobs" --input jsonl parse - --format jsonl > /dev/null
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc)
echo "input        ${size_mb} MiB of JSONL"
echo "jobs         $jobs"
echo "seconds      $secs (generation included)"
echo "MiB/s        $(echo "$size_mb / $secs" | bc -l | cut -c1-6)"
echo "$(cat target/stream_rss.time)"
