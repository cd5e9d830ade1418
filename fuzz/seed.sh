#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository's test scenarios: the scenario loader's
# (fuzz/corpus/scenario_loader/) from the good, bad, acceptance and shipped scenarios' YAML
# files, the GeoJSON reader's (fuzz/corpus/geojson/) from every GeoJSON file. Re-run it after adding test
# scenarios; files are named after where they came from.
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
for f in tests/acceptance/*/scenario.yaml; do
  add "$f" "acceptance-$(basename "$(dirname "$f")").yaml"
done
for mission in scenarios/*/; do
  for f in "$mission"*.yaml; do
    add "$f" "$(basename "$mission")-$(basename "$f")"
  done
done
echo "$(ls "$corpus" | wc -l) files in $corpus"

# The GeoJSON reader's corpus: every GeoJSON file of the tests and the shipped scenarios.
geojson=fuzz/corpus/geojson
mkdir -p "$geojson"
rm -f "$geojson"/seed-*
while IFS= read -r f; do
  cp "$f" "$geojson/seed-$(echo "$f" | tr '/' '-')"
done < <(find tests scenarios -name '*.geojson' | sort)
echo "$(ls "$geojson" | wc -l) files in $geojson"
