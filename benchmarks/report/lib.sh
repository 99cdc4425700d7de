# Helpers of benchmarks/report.sh (sourced): progress notes, part timings, machine and
# per-part provenance, and one timed run recorded as JSON lines.
# Expects $out (the raw results directory) and $root (the source tree).

note() { echo "report: $(date -u +%H:%M:%S) $*" >&2; }

# part_start NAME / part_end NAME: the part's wall time, in $out/timings/NAME.txt
# ("seconds date"), kept until the part runs again.
part_start() {
  note "== $1"
  part_t0=$(date +%s)
}
part_end() {
  mkdir -p "$out/timings"
  echo "$(($(date +%s) - part_t0)) $(date -u +%Y-%m-%dT%H:%MZ)" >"$out/timings/$1.txt"
  note "== $1 done in $(($(date +%s) - part_t0)) s"
}

# The source a part measured: commit (with "+changes" when the code differs from it: changes
# to Markdown and docs/, which the report itself rewrites, do not count), date, load and the
# part's options.
write_meta() {
  local commit
  commit=$(git -C "$root" rev-parse --short=10 HEAD 2>/dev/null || echo unknown)
  git -C "$root" diff --quiet HEAD -- . ':(exclude)docs' ':(exclude)*.md' 2>/dev/null || commit="$commit+changes"
  {
    echo "commit: $commit"
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "options: $2"
  } >"$1"
}

# The machine and compiler, as "key: value" lines.
write_machine() {
  {
    echo "nproc: $(nproc)"
    echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
    echo "threads_per_core: $(lscpu | sed -n 's/^Thread(s) per core: *//p' | head -1)"
    echo "memory_kb: $(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)"
    echo "os: $(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release)"
    echo "compiler: $(g++ --version | head -1)"
    echo "build_type: $(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$root/build-bench/CMakeCache.txt" 2>/dev/null)"
    echo "python: $(python3 --version 2>&1)"
  } >"$1"
}

# timed FILE PREFIX CMD...: runs CMD under /usr/bin/time (wall seconds, peak resident set in
# kB), a timeout (RUN_TIMEOUT, default 7200 s) and, if MEM_LIMIT_KB is set, that limit on its
# address space (so that a run too big for the machine fails alone instead of pushing the
# machine's other work out of memory), and appends to FILE one line per JSON line CMD printed
# (or one line with "run": null if it printed none):
#   PREFIX's fields, "wall_s", "peak_rss_kb", "load1" (before the run), "run": {...}
# A failed run is listed in failed.txt beside FILE and skipped.
timed() {
  local file=$1 prefix=$2
  shift 2
  local tfile stdout_file load wall rss line any=0
  tfile=$(mktemp)
  stdout_file=$(mktemp)
  load=$(cut -d' ' -f1 /proc/loadavg)
  local limit=()
  [[ -z ${MEM_LIMIT_KB:-} ]] || limit=(bash -c 'ulimit -v "$1" && shift && exec "$@"' limit "$MEM_LIMIT_KB")
  if ! /usr/bin/time -f '%e %M' -o "$tfile" timeout "${RUN_TIMEOUT:-7200}" "${limit[@]}" "$@" >"$stdout_file"; then
    echo "failed (or over RUN_TIMEOUT=${RUN_TIMEOUT:-7200} s${MEM_LIMIT_KB:+ or MEM_LIMIT_KB=$MEM_LIMIT_KB}): ${*#"$root"/}" |
      tee -a "$(dirname "$file")/failed.txt" >&2
    rm -f "$tfile" "$stdout_file"
    return 0
  fi
  read -r wall rss <"$tfile"
  local head="${prefix%\}}, \"wall_s\": $wall, \"peak_rss_kb\": $rss, \"load1\": $load"
  while IFS= read -r line; do
    [[ $line == \{* ]] || continue
    echo "$head, \"run\": $line}" >>"$file"
    any=1
  done <"$stdout_file"
  ((any)) || echo "$head, \"run\": null}" >>"$file"
  rm -f "$tfile" "$stdout_file"
}
