whipcount_test(${CMAKE_CURRENT_LIST_DIR}/dater_test.cc whipcount_date)
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/dater_fuzz_regressions_test.cc whipcount_date)
