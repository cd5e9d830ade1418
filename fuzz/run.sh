#!/usr/bin/env bash
# Runs every libFuzzer harness built in <build dir> for <seconds> each, over a copy of its
# corpus (new inputs go to the copy, under the build dir, not into the repository). Crashes,
# leaks and timeouts are saved under fuzz/crashes/<name>/: replay one with
# `<build dir>/fuzz/<name>_fuzz <file>`, fix it, and commit the file as a regression case.
# Usage: fuzz/run.sh <build dir> <seconds>   (make fuzz FUZZ_SECONDS=...)
set -euo pipefail
build=$1
seconds=$2
cd "$(dirname "$0")/.."
status=0
for binary in "$build"/fuzz/*_fuzz; do
  name=$(basename "$binary" _fuzz)
  work="$build/corpus/$name"
  mkdir -p "$work" "fuzz/crashes/$name"
  if [ -d "fuzz/corpus/$name" ]; then cp -r "fuzz/corpus/$name/." "$work/"; fi
  echo "== $name: $seconds s over $(ls "$work" | wc -l) inputs"
  if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="fuzz/crashes/$name/" "$work" \
      2>"$build/$name.log"; then
    echo "!! $name found a problem: see $build/$name.log and fuzz/crashes/$name/"
    tail -30 "$build/$name.log"
    status=1
  else
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$build/$name.log" || true
  fi
done
exit $status
