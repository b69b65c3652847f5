#!/usr/bin/env bash
# Builds the AgentSim DocC documentation (articles and API reference) with the Swift toolchain
# alone: no swift-docc-plugin dependency. Usage, from the repository root:
#
#   .ci/build-docs.sh            # writes .build/docs, a static site
#   .ci/build-docs.sh --serve    # ... then serves it at http://localhost:8000/documentation/agentsim/
#
# The site is a JavaScript application that fetches its pages, so it is blank when opened from
# file://; serve the folder over HTTP (python3 -m http.server, or any static file server).
set -euo pipefail
cd "$(dirname "$0")/.."

symbols=.build/symbol-graphs
output=.build/docs
rm -rf "$symbols" "$output"
mkdir -p "$symbols"

# The compiler writes the module's symbol graph (its public API and doc comments) as it builds.
swift build --target AgentSim \
  -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$symbols"

docc=$(command -v docc || echo "$(dirname "$(command -v swift)")/docc")
"$docc" convert Sources/AgentSim/AgentSim.docc \
  --fallback-display-name AgentSim \
  --fallback-bundle-identifier agentsim.AgentSim \
  --additional-symbol-graph-dir "$symbols" \
  --output-path "$output" \
  --transform-for-static-hosting

echo "documentation in $output; open http://localhost:8000/documentation/agentsim/ after:"
echo "  python3 -m http.server --directory $output 8000"
if [[ "${1:-}" == "--serve" ]]; then
  exec python3 -m http.server --directory "$output" 8000
fi
