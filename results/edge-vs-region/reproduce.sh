#!/usr/bin/env bash
# Regenerates every number and figure of this study: README.md (from template.md), data/ and
# figures/. Byte-identical on any machine with the same Swift toolchain and C library.
#   results/edge-vs-region/reproduce.sh           # rewrite the files
#   results/edge-vs-region/reproduce.sh --check   # compare with the committed files (CI does this)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product agentsim
.build/release/agentsim study results/edge-vs-region "$@"
