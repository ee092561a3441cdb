#!/usr/bin/env bash
# Prints the size of the shipped files (raw, gzip, brotli) of dist/, so that
# every change can be compared with the last one.
set -euo pipefail
dist="${1:-$(dirname "$0")/../dist}"
[ -d "$dist" ] || { echo "no build in $dist: run trunk build --release first" >&2; exit 1; }
has_brotli=0
command -v brotli >/dev/null 2>&1 && has_brotli=1
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0
while IFS= read -r file; do
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  if [ $has_brotli -eq 1 ]; then br=$(brotli -c -q 11 "$file" | wc -c); else br=0; fi
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-44s %10d %10d %10s\n' "${file#"$dist"/}" "$raw" "$gz" "$([ $has_brotli -eq 1 ] && echo "$br" || echo n/a)"
done < <(find "$dist" -type f ! -name '404.html' | sort)
printf '%-44s %10d %10d %10s\n' TOTAL "$total_raw" "$total_gz" "$([ $has_brotli -eq 1 ] && echo "$total_br" || echo n/a)"
