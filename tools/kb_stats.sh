#!/usr/bin/env bash
# Prints how many rows each knowledge-base file holds and how many actors there are of each kind.
# Usage: tools/kb_stats.sh [KB_DIR]   (default: data/kb beside this script)
set -euo pipefail
dir="${1:-$(dirname "$0")/../data/kb}"
rows() { grep -v -e '^#' -e '^[[:space:]]*$' "$1" | tail -n +2 | wc -l; }
for f in "$dir"/*.tsv; do
  printf '%6d  %s\n' "$(rows "$f")" "$(basename "$f")"
done
echo "actors by kind:"
for f in "$dir"/*.actors.tsv; do
  grep -v -e '^#' -e '^[[:space:]]*$' "$f" | tail -n +2
done | cut -f2 | sort | uniq -c | sort -rn
