#!/usr/bin/env bash
# The API suite's every response against api/openapi.json (ctest api_responses_match_openapi):
# runs test_api with REASSURE_RECORD_RESPONSES set, so that each response a test receives is
# recorded (tests/app/api_test_support.hpp), then checks the recording with
# tests/api/check_responses.mjs. A response whose status or body the document does not describe
# fails here, whichever test provoked it.
# Usage: record_and_check.sh TEST_API NODE OPENAPI_JSON
set -euo pipefail
test_api=$1
node=$2
document=$3
here=$(cd "$(dirname "$0")" && pwd)
recording=$(mktemp)
trap 'rm -f "$recording"' EXIT
if ! REASSURE_RECORD_RESPONSES=$recording "$test_api" --gtest_brief=1 >"$recording.log" 2>&1; then
  cat "$recording.log"
  rm -f "$recording.log"
  echo "record_and_check: the API suite failed; its responses were not checked" >&2
  exit 1
fi
rm -f "$recording.log"
"$node" "$here/check_responses.mjs" "$document" "$recording"
