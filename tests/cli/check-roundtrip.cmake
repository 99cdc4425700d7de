# validate --print prints a scenario that validates again and prints the same text again
# (load -> print is a fixed point after one step).
#   cmake -DCLI=<last100> -DSCENARIO=<file.toml> -DWORK=<dir> -P check-roundtrip.cmake
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${CLI} validate --print ${SCENARIO} RESULT_VARIABLE rc OUTPUT_VARIABLE first ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "validate --print ${SCENARIO}: exit code ${rc}\n${err}")
endif()
# The printed text may start with a status line (": ok: "); keep the TOML after it.
string(REGEX REPLACE "^[^\n]*: ok: [^\n]*\n" "" first_toml "${first}")
file(WRITE ${WORK}/printed.toml "${first_toml}")
execute_process(COMMAND ${CLI} validate --print ${WORK}/printed.toml RESULT_VARIABLE rc OUTPUT_VARIABLE second ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the printed scenario does not validate (exit code ${rc}):\n${err}\n--- printed:\n${first_toml}")
endif()
string(REGEX REPLACE "^[^\n]*: ok: [^\n]*\n" "" second_toml "${second}")
if(NOT first_toml STREQUAL second_toml)
  file(WRITE ${WORK}/printed-again.toml "${second_toml}")
  message(FATAL_ERROR "printing the printed scenario changes it: diff ${WORK}/printed.toml ${WORK}/printed-again.toml")
endif()
if(first_toml STREQUAL "")
  message(FATAL_ERROR "validate --print printed nothing")
endif()
