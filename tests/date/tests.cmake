whipcount_test(${CMAKE_CURRENT_LIST_DIR}/dater_test.cc whipcount_date)
