# Compiles forgotten_co_await.cpp with FORGET_ALL (every awaitable called without co_await)
# under -Werror and checks that the compiler rejects each line marked "// forget" with the
# nodiscard diagnostic ("ignoring return(ed) value"), so no awaitable can lose the attribute
# unnoticed. One compile for all cases: the machine is shared.
# Arguments: -DCXX=compiler -DFILE=source -DINCLUDE=include dir
execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only -Wall -Wextra -Werror -I${INCLUDE} -DFORGET_ALL ${FILE}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "discarding awaitables compiled without an error")
endif()
get_filename_component(name ${FILE} NAME)
file(STRINGS ${FILE} lines)
set(n 0)
set(cases 0)
foreach(line IN LISTS lines)
  math(EXPR n "${n} + 1")
  if(line MATCHES "// forget$")
    math(EXPR cases "${cases} + 1")
    if(NOT err MATCHES "${name}:${n}:[0-9]+: error: ignoring return")
      string(STRIP "${line}" code)
      message(SEND_ERROR "line ${n} (${code}): no nodiscard error")
    endif()
  endif()
endforeach()
if(cases LESS 10)
  message(FATAL_ERROR "found only ${cases} marked lines: the check cannot work")
endif()
message(STATUS "${cases} forgotten co_awaits, each rejected")
