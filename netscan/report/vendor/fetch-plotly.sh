#!/usr/bin/env bash
# Re-fetch the official partial plotly.js bundles netscan vendors (netscan/report/plotlyjs.py).
# Keep VERSION equal to the plotly.js that the installed plotly.py ships:
#   python -c "import plotly.offline as o; print(o.get_plotlyjs()[:60])"
set -euo pipefail
VERSION="${1:-4.1.1}"
cd "$(dirname "$0")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for flavour in basic cartesian; do
  (cd "$work" && npm pack --silent "plotly.js-${flavour}-dist-min@${VERSION}" >/dev/null)
  tar xzf "$work/plotly.js-${flavour}-dist-min-${VERSION}.tgz" -C "$work"
  cp "$work/package/plotly-${flavour}.min.js" .
  cp "$work/package/LICENSE" LICENSE-plotly.js
  rm -rf "$work/package"
done
echo "plotly.js ${VERSION}: $(ls -1 plotly-*.min.js | tr '\n' ' ')"
