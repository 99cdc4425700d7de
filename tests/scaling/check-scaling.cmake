# Cost per order stays flat with the size of the area (issue: city scale).
# Runs one mode of `last100-bench modes` one simulated day at two sizes, each in its own
# process, and fails when events per order or peak bytes per household grow by more than
# RATIO from the small size to the large one. Counts, not wall time: stable on a shared machine.
#   cmake -DBENCH=... -DMODE=relay -DSMALL=10000 -DLARGE=100000 -DRATIO=1.5 -P check-scaling.cmake
foreach(var BENCH MODE SMALL LARGE RATIO)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check-scaling: -D${var}=... is required")
  endif()
endforeach()

function(measure households out_events out_bytes)
  execute_process(COMMAND ${BENCH} modes --households ${households} --days 1 --mode ${MODE}
                  OUTPUT_VARIABLE line RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "check-scaling: ${MODE} at ${households} households failed (exit ${rc}): ${err}")
  endif()
  string(JSON events GET "${line}" events_per_order)
  string(JSON bytes GET "${line}" peak_bytes_per_household)
  string(JSON orders GET "${line}" orders)
  message(STATUS "${MODE} at ${households} households: ${orders} orders, ${events} events per order, "
                 "${bytes} peak bytes per household")
  set(${out_events} ${events} PARENT_SCOPE)
  set(${out_bytes} ${bytes} PARENT_SCOPE)
endfunction()

measure(${SMALL} small_events small_bytes)
measure(${LARGE} large_events large_bytes)

# CMake's math() is integer-only: compare in parts per million.
function(check what small large)
  # Values are printed with %g: a mantissa with an optional exponent.
  foreach(v small large)
    set(x "${${v}}")
    if(x MATCHES "^([0-9.]+)e([+-][0-9]+)$")
      set(m ${CMAKE_MATCH_1})
      set(e ${CMAKE_MATCH_2})
    else()
      set(m ${x})
      set(e 0)
    endif()
    if(NOT m MATCHES "^([0-9]+)(\\.([0-9]*))?$")
      message(FATAL_ERROR "check-scaling: ${what}: '${x}' is not a number")
    endif()
    set(int ${CMAKE_MATCH_1})
    set(frac "${CMAKE_MATCH_3}")
    string(SUBSTRING "${frac}000000" 0 6 frac6)
    math(EXPR ppm "${int} * 1000000 + 1${frac6} - 1000000")
    while(e GREATER 0)
      math(EXPR ppm "${ppm} * 10")
      math(EXPR e "${e} - 1")
    endwhile()
    while(e LESS 0)
      math(EXPR ppm "${ppm} / 10")
      math(EXPR e "${e} + 1")
    endwhile()
    set(${v}_ppm ${ppm})
  endforeach()
  if(NOT RATIO MATCHES "^([0-9]+)(\\.([0-9]*))?$")
    message(FATAL_ERROR "check-scaling: RATIO '${RATIO}' is not a number")
  endif()
  set(rint ${CMAKE_MATCH_1})
  string(SUBSTRING "${CMAKE_MATCH_3}000" 0 3 rfrac3)
  math(EXPR ratio_milli "${rint} * 1000 + 1${rfrac3} - 1000")
  # large > small * ratio  <=>  large * 1000 > small * ratio_milli
  math(EXPR lhs "${large_ppm} * 1000")
  math(EXPR rhs "${small_ppm} * ${ratio_milli}")
  if(lhs GREATER rhs)
    message(FATAL_ERROR "check-scaling: ${MODE}: ${what} grows from ${small} at ${SMALL} households to "
                        "${large} at ${LARGE}, more than ${RATIO}x: a cost grows faster than the work "
                        "(profile it: docs/benchmarks.md, Profiles)")
  endif()
endfunction()

check("events per order" ${small_events} ${large_events})
check("peak bytes per household" ${small_bytes} ${large_bytes})
message(STATUS "${MODE}: events per order ${small_events} -> ${large_events}, peak bytes per household "
               "${small_bytes} -> ${large_bytes} (limit ${RATIO}x)")
