#!/usr/bin/env bash
# Renders a PDF's pages to PNG images for a person to look at (a developer tool, not part of the product).
#
#   scripts/render-pdf.sh <file.pdf> <out-prefix> [first-page [last-page]]
#
# Writes <out-prefix>-<page>.png (pdftoppm numbers pages with as many digits as the last page needs), or
# <out-prefix>.png when exactly one page is asked for. DPI=100 by default; set DPI to change it.
# Needs pdftoppm from Poppler: Debian/Ubuntu `apt-get install -y poppler-utils`, macOS `brew install poppler`.
set -euo pipefail

if [ $# -lt 2 ] || [ $# -gt 4 ]; then
  echo "usage: $0 <file.pdf> <out-prefix> [first-page [last-page]]" >&2
  exit 2
fi
pdf=$1 prefix=$2 first=${3:-} last=${4:-${3:-}}
dpi=${DPI:-100}

if ! command -v pdftoppm > /dev/null; then
  echo "pdftoppm is missing: install Poppler's utilities (Debian/Ubuntu: apt-get install -y poppler-utils; macOS: brew install poppler)." >&2
  exit 127
fi
[ -r "$pdf" ] || { echo "cannot read $pdf" >&2; exit 1; }
mkdir -p "$(dirname "$prefix")"

args=(-png -r "$dpi")
[ -n "$first" ] && args+=(-f "$first" -l "$last")
[ -n "$first" ] && [ "$first" = "$last" ] && args+=(-singlefile)
pdftoppm "${args[@]}" "$pdf" "$prefix"
ls -1 "$prefix"*.png
