#!/usr/bin/env bash
# Seeds the scenario loader's corpus (fuzz/corpus/scenario_loader/) from the repository's
# test scenarios: the good and bad files, the loader sample and the default scenario's YAML
# files. Re-run it after adding test scenarios; files are named after where they came from.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus/scenario_loader
mkdir -p "$corpus"
rm -f "$corpus"/seed-*
add() {  # add <file> <name>
  cp "$1" "$corpus/seed-$2"
}
for f in tests/io/good/*.yaml tests/io/loader/*.yaml tests/io/bad/*.yaml; do
  add "$f" "$(basename "$(dirname "$f")")-$(basename "$f")"
done
for f in tests/io/bad/*/scenario.yaml; do
  add "$f" "bad-$(basename "$(dirname "$f")").yaml"
done
for f in scenarios/coalition/*.yaml; do
  add "$f" "coalition-$(basename "$f")"
done
echo "$(ls "$corpus" | wc -l) files in $corpus"
