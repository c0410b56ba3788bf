# Browser test of the dashboard (web/): Node drives headless Chromium (Debian's chromium) with
# playwright-core from tests/web/package.json (scripts/setup runs `npm ci --prefix tests/web`).
# It exits 77, reported as skipped, when ../shared/seeds is absent.
find_program(WHIPCOUNT_NODE node)
if(WHIPCOUNT_NODE)
  add_test(NAME web.dashboard
           COMMAND ${WHIPCOUNT_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/web/dashboard.test.mjs
                   --whipcount $<TARGET_FILE:whipcount> --out ${CMAKE_CURRENT_BINARY_DIR}/web
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(web.dashboard PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 240)
else()
  message(WARNING "node not found: the dashboard's browser test (tests/web) is not registered")
endif()
