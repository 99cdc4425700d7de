# Runs one validation scenario and checks one figure of its JSON summary against a reported
# figure's band (docs/validation.md):
#   cmake -DCLI=... -DSCENARIO=... -DOUT=file.json -DFIELD="orders|delivered" -DSCALE=2
#         -DLOW=100 -DHIGH=250 -DSETS="k=v|k=v" -P check-figure.cmake
# FIELD is a path into the JSON object ('|' between keys); the value is divided by SCALE (e.g.
# the number of couriers, to get a figure per courier) before it is compared with [LOW, HIGH].
string(REPLACE "|" ";" field "${FIELD}")
set(argv ${CLI} run ${SCENARIO} --quiet --json ${OUT})
if(DEFINED SETS AND NOT SETS STREQUAL "")
  string(REPLACE "|" ";" sets "${SETS}")
  foreach(s ${sets})
    list(APPEND argv --set ${s})
  endforeach()
endif()
execute_process(COMMAND ${argv} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 300)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the run failed (exit ${rc}):\n${out}\n${err}")
endif()
file(READ ${OUT} json)
string(JSON value ERROR_VARIABLE jerr GET "${json}" ${field})
if(jerr)
  message(FATAL_ERROR "no field '${FIELD}' in ${OUT}: ${jerr}")
endif()
# With replications the KPI is {"mean": x, "half_width": h}: compare the mean.
string(JSON kind ERROR_VARIABLE jerr TYPE "${json}" ${field})
if(kind STREQUAL "OBJECT")
  string(JSON value GET "${json}" ${field} mean)
endif()
if(NOT DEFINED SCALE)
  set(SCALE 1)
endif()
# CMake's math() is integer-only: scale the band instead of the value (exact for the figures used).
math(EXPR low_total "${LOW} * ${SCALE}")
math(EXPR high_total "${HIGH} * ${SCALE}")
message(STATUS "model: ${FIELD} = ${value} (over ${SCALE}); reported band: [${LOW}, ${HIGH}] per unit, "
               "[${low_total}, ${high_total}] in all")
if(value LESS low_total OR value GREATER high_total)
  message(FATAL_ERROR "the model's figure ${value} (/${SCALE}) is outside the reported band [${LOW}, ${HIGH}]")
endif()
