# check-report-browser.sh can fail (issue 12, item 4): a page whose check never finishes, a
# page with a script error, and a real report rebuilt from a summary.json whose series were
# removed (its charts say "no data") must each make it exit 1, with the reason on stderr.
#   cmake -DCLI=last100 -DCHECK=check-report-browser.sh -DFIXTURE=report-fixture
#         -DPAGES=browser-negative -DWORK=dir -P check-browser-negative.cmake
# Without chromium the check exits 77 and this prints "chromium not installed" (CTest SKIP_REGULAR_EXPRESSION).
function(expect_failure page reason)
  execute_process(COMMAND bash ${CHECK} ${page} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(rc EQUAL 77)
    message(STATUS "chromium not installed")
    return()
  endif()
  if(NOT rc EQUAL 1 OR NOT err MATCHES "${reason}")
    message(FATAL_ERROR "${page}: exit ${rc}, expected 1 with '${reason}'\nstdout:\n${out}\nstderr:\n${err}")
  endif()
endfunction()

expect_failure(${PAGES}/never-ok.html "did not pass.*<title>loading</title>")
expect_failure(${PAGES}/script-error.html "JavaScript error")

file(REMOVE_RECURSE ${WORK})
file(COPY ${FIXTURE}/ DESTINATION ${WORK})
file(READ ${WORK}/summary.json json)
string(JSON n LENGTH "${json}")
math(EXPR last "${n} - 1")
foreach(i RANGE ${last})
  string(JSON json REMOVE "${json}" ${i} series)
endforeach()
file(WRITE ${WORK}/summary.json "${json}")
execute_process(COMMAND ${CLI} report ${WORK} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "report ${WORK}: exit ${rc}\n${err}")
endif()
expect_failure(${WORK}/report.html "did not pass.*<title>fail</title>.*data-empty")
