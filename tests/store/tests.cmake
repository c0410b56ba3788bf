whipcount_test(${CMAKE_CURRENT_LIST_DIR}/positions_test.cc whipcount_store)
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/stance_line_test.cc whipcount_store)
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/store_test.cc whipcount_store)
# The end-to-end tests of ingest and the queries live beside the other CLI tests; tests/cli's
# list belongs to the extract command, so they are registered from here.
include(${CMAKE_CURRENT_LIST_DIR}/cli_tests.cmake)
