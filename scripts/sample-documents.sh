#!/usr/bin/env bash
# Writes the sample generated documents (council minutes, recognition decision, certificate; realistic Vietnamese
# data from apps/api/src/documents/document-samples.ts) to docs/samples/ as PDF, and the first page of each as a
# PNG at 100 dpi for people to look at. Renders through the same code as the product, by running the samples'
# test with DOCUMENT_SAMPLES_DIR set. The PNGs need pdftoppm (Debian/Ubuntu: apt-get install -y poppler-utils).
#
#   scripts/sample-documents.sh [out-dir]        # default docs/samples
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/samples}
mkdir -p "$out"
out=$(cd "$out" && pwd)

DOCUMENT_SAMPLES_DIR="$out" node --experimental-vm-modules --no-warnings=ExperimentalWarning \
  node_modules/jest/bin/jest.js --runTestsByPath apps/api/src/documents/document-samples.spec.ts

for pdf in "$out"/*.pdf; do
  DPI=${DPI:-100} scripts/render-pdf.sh "$pdf" "${pdf%.pdf}" 1
done
