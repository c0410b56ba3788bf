whipcount_test(${CMAKE_CURRENT_LIST_DIR}/query_test.cc whipcount_query)
