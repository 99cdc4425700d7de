#!/usr/bin/env bash
# Loads a report.html or replay.html in headless Chromium and fails on a JavaScript error, an
# empty chart, or a page whose own check did not say "ok". The page's inline check sets
# document.title to "ok" or "fail..." (report: every chart drawn; replay: the map is drawn, a
# courier moves mid-run, the clock advances).
# Usage: check-report-browser.sh PAGE.html [SCREENSHOT.png]
#
# Robust under load without being unable to fail:
# - The page runs on Chromium's virtual clock (--virtual-time-budget): timers and animation
#   frames advance as fast as the machine allows. The wall-clock limit per attempt is generous
#   (LAST100_BROWSER_TIMEOUT_S, default 240 s) and only stops a hung browser.
# - Reading and parsing a large page (a replay of 100,000 households is 8 MB) is not all on
#   the virtual clock: on a loaded machine the budget can run out before the page's check has
#   run, and the DOM then holds its first title ("loading"). That is no verdict, so the check
#   runs again with a larger budget (LAST100_BROWSER_BUDGET_MS, default 8000, then 4x and 16x
#   it); a page still without a verdict after the largest fails.
# - One more attempt, and only when Chromium itself gave no page at all (killed by the limit,
#   crashed, or printed no DOM): that says nothing about the page either.
# A page whose check says "fail", or that logged a script error, fails at once, never retried.
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
       --enable-logging=stderr --v=0)

# Runs Chromium once with virtual-time budget $1 ms; sets $dom, $took and returns 0, or 1
# when Chromium gave no page.
load_page() {
  rm -rf "$profile/user"
  local start rc=0
  start=$(date +%s)
  timeout --kill-after=10 "$limit" "$browser" "${flags[@]}" --virtual-time-budget="$1" --dump-dom "file://$report" \
    >"$profile/dom" 2>"$profile/log" || rc=$?
  took=$(( $(date +%s) - start ))
  dom=$(cat "$profile/dom")
  if grep -q "</html>" <<<"$dom"; then return 0; fi
  echo "check-report-browser: chromium gave no page (exit $rc after ${took}s; 124: killed at the ${limit}s limit)" >&2
  tail -n 5 "$profile/log" >&2 || true
  return 1
}

dom="" took=0 title=""
crashes=0
for b in "$budget" $((4 * budget)) $((16 * budget)); do
  until load_page "$b"; do
    crashes=$((crashes + 1))
    if (( crashes > 1 )); then
      echo "check-report-browser: chromium never loaded $report" >&2
      exit 1
    fi
  done
  if grep -E "Uncaught|CONSOLE\(.*\).*(Error|error)" "$profile/log" >&2; then
    echo "check-report-browser: JavaScript error in $report" >&2
    exit 1
  fi
  title=$(grep -o '<title>[^<]*</title>' <<<"$dom" | head -n 1 || true)
  case "$title" in
    "<title>ok</title>" | "<title>fail"*) break ;;
  esac
  echo "check-report-browser: no verdict within ${b} ms of virtual time (${took}s): $title" >&2
done

if [[ "$title" != "<title>ok</title>" ]]; then
  echo "check-report-browser: the page's check did not pass (empty chart, script error, or no verdict within" \
       "$((16 * budget)) ms of virtual time):" >&2
  echo "${title:-(no title)}" >&2
  grep -o 'id="[a-z-]*" [^>]*data-empty="1"' <<<"$dom" >&2 || true
  exit 1
fi
if [[ -n "$shot" ]]; then
  rm -rf "$profile/user"
  timeout --kill-after=10 "$limit" "$browser" "${flags[@]}" --virtual-time-budget="$budget" --hide-scrollbars --window-size=1400,2300 \
    --screenshot="$(realpath -m "$shot")" "file://$report" 2>/dev/null >/dev/null || true
  [[ -s "$shot" ]] || { echo "check-report-browser: no screenshot written" >&2; exit 1; }
fi
echo "check-report-browser: ok ($report, ${took}s)"
