#!/usr/bin/env bash
# Loads a report.html or replay.html in headless Chromium and fails on a JavaScript error, an
# empty chart, or a page whose own check did not say "ok". The page's inline check sets
# document.title to "ok" or "fail..." (report: every chart drawn; replay: the map is drawn, a
# courier moves mid-run, the clock advances).
# Usage: check-report-browser.sh PAGE.html [SCREENSHOT.png]
#
# Robust under load without being unable to fail:
# - The page runs on Chromium's virtual clock (--virtual-time-budget): timers and animation
#   frames advance as fast as the machine allows, so a loaded machine makes the check slower,
#   not different. The wall-clock limit per attempt is generous (LAST100_BROWSER_TIMEOUT_S,
#   default 240 s) and only stops a hung browser.
# - One retry, and only when Chromium itself gave no page at all (killed by the limit,
#   crashed, or printed no DOM): that says nothing about the page. A page that was loaded and
#   says "fail", still says "loading" after its virtual-time budget, or logged a script error
#   fails at once, never retried.
set -euo pipefail
report=$(realpath "$1")
shot=${2:-}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "check-report-browser: chromium not installed (LAST100_WITH_BROWSER=1 scripts/install-deps.sh)" >&2
  exit 77  # CTest SKIP_RETURN_CODE
fi
[[ -s "$report" ]] || { echo "check-report-browser: no page at $report" >&2; exit 1; }
limit=${LAST100_BROWSER_TIMEOUT_S:-240}
budget=${LAST100_BROWSER_BUDGET_MS:-8000}
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking
       --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile/user"
       --enable-logging=stderr --v=0 --virtual-time-budget="$budget")

dom=""
for attempt in 1 2; do
  rm -rf "$profile/user"
  start=$(date +%s)
  rc=0
  timeout --kill-after=10 "$limit" "$browser" "${flags[@]}" --dump-dom "file://$report" >"$profile/dom" 2>"$profile/log" || rc=$?
  took=$(( $(date +%s) - start ))
  dom=$(cat "$profile/dom")
  if grep -q "</html>" <<<"$dom"; then break; fi
  # No page: the browser did not get as far as the page's check.
  echo "check-report-browser: attempt $attempt: chromium gave no page (exit $rc after ${took}s; 124: killed at the ${limit}s limit)" >&2
  tail -n 5 "$profile/log" >&2 || true
  if [[ $attempt == 2 ]]; then
    echo "check-report-browser: chromium never loaded $report" >&2
    exit 1
  fi
done

if grep -E "Uncaught|CONSOLE\(.*\).*(Error|error)" "$profile/log" >&2; then
  echo "check-report-browser: JavaScript error in $report" >&2
  exit 1
fi
if ! grep -q "<title>ok</title>" <<<"$dom"; then
  echo "check-report-browser: the page's check did not pass (empty chart, script error, or not finished within" \
       "${budget} ms of virtual time):" >&2
  grep -o '<title>[^<]*</title>' <<<"$dom" >&2 || echo "(no title)" >&2
  grep -o 'id="[a-z-]*" [^>]*data-empty="1"' <<<"$dom" >&2 || true
  exit 1
fi
if [[ -n "$shot" ]]; then
  rm -rf "$profile/user"
  timeout --kill-after=10 "$limit" "$browser" "${flags[@]}" --hide-scrollbars --window-size=1400,2300 \
    --screenshot="$(realpath -m "$shot")" "file://$report" 2>/dev/null >/dev/null || true
  [[ -s "$shot" ]] || { echo "check-report-browser: no screenshot written" >&2; exit 1; }
fi
echo "check-report-browser: ok ($report, ${took}s)"
