# Fails unless CTest has exactly one "unit:" entry per Catch test case: a name that discovery
# splits (a ';' in it) makes more entries than test cases, a dropped one fewer.
# Usage: cmake -DTESTS=<last100-tests> -DCTEST=<ctest> -DBUILD_DIR=<dir> -P check-discovery.cmake
execute_process(COMMAND ${TESTS} --list-test-names-only OUTPUT_VARIABLE names RESULT_VARIABLE rc)
string(REGEX REPLACE "\n+$" "" names "${names}")
string(REGEX MATCHALL "\n" breaks "${names}")
list(LENGTH breaks cases)
math(EXPR cases "${cases} + 1")
execute_process(COMMAND ${CTEST} -N -R "^unit:" --test-dir ${BUILD_DIR} OUTPUT_VARIABLE listing)
if(NOT listing MATCHES "Total Tests: ([0-9]+)")
  message(FATAL_ERROR "ctest -N printed no total:\n${listing}")
endif()
set(entries ${CMAKE_MATCH_1})
if(NOT cases EQUAL entries)
  message(FATAL_ERROR "${cases} test cases but ${entries} CTest entries: a test name splits discovery "
                      "(no ';' in test names) or discovery is stale")
endif()
message(STATUS "${cases} test cases, ${entries} CTest entries")
