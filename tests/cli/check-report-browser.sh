#!/usr/bin/env bash
# Loads a report.html in headless Chromium and fails on a JavaScript error or an empty chart.
# The page's own inline check sets document.title to "ok" or "fail".
# Usage: check-report-browser.sh REPORT.html [SCREENSHOT.png]
set -euo pipefail
report=$(realpath "$1")
shot=${2:-}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "check-report-browser: chromium not installed (LAST100_WITH_BROWSER=1 scripts/install-deps.sh)" >&2
  exit 77  # CTest SKIP_RETURN_CODE
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --user-data-dir="$profile" --enable-logging=stderr --v=0
       --virtual-time-budget=${LAST100_BROWSER_BUDGET_MS:-8000})
dom=$(timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$report" 2>"$profile/log" || true)
if grep -E "Uncaught|CONSOLE\(.*\).*(Error|error)" "$profile/log" >&2; then
  echo "check-report-browser: JavaScript error in $report" >&2
  exit 1
fi
if ! grep -q "<title>ok</title>" <<<"$dom"; then
  echo "check-report-browser: the page's check failed (empty chart or script error):" >&2
  grep -o '<title>[^<]*</title>' <<<"$dom" >&2 || echo "(no DOM dumped)" >&2
  grep -o 'id="[a-z-]*" [^>]*data-empty="1"' <<<"$dom" >&2 || true
  exit 1
fi
if [[ -n "$shot" ]]; then
  timeout 120 "$browser" "${flags[@]}" --hide-scrollbars --window-size=1400,2300 --screenshot="$(realpath -m "$shot")" \
    "file://$report" 2>/dev/null >/dev/null || true
  [[ -s "$shot" ]] || { echo "check-report-browser: no screenshot written" >&2; exit 1; }
fi
echo "check-report-browser: ok ($report)"
