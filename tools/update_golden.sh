#!/usr/bin/env bash
# Compares the golden end-to-end cases (tests/golden/<case>/{input.*, expected.jsonl}) with the
# output of the current `whipcount extract`, or with --update rewrites every expected.jsonl from
# it. Review the rewritten files (git diff tests/golden) before committing them.
# usage: tools/update_golden.sh [--update]   (BUILD_DIR=build by default)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
BUILD_DIR=${BUILD_DIR:-$root/build}
update=0
for a in "$@"; do
  case "$a" in
    --update) update=1 ;;
    -h|--help) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "tools/update_golden.sh: unknown argument '$a'" >&2; exit 2 ;;
  esac
done
[ -f "$BUILD_DIR/CMakeCache.txt" ] ||
  cmake -S "$root" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >&2
cmake --build "$BUILD_DIR" --target whipcount golden_test >&2
test_bin="$BUILD_DIR/tests/golden_test"
if [ "$update" = 1 ]; then
  WHIPCOUNT_UPDATE_GOLDEN=1 "$test_bin" --gtest_brief=1
  echo "review the changes: git diff --stat -- tests/golden" >&2
else
  "$test_bin" --gtest_brief=1
fi
