whipcount_test(${CMAKE_CURRENT_LIST_DIR}/reader_test.cc whipcount_read)
