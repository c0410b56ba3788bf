whipcount_test(${CMAKE_CURRENT_LIST_DIR}/html_reader_test.cc whipcount_html whipcount_read)
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/html_fuzz_regressions_test.cc whipcount_html)
