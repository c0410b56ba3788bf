whipcount_test(${CMAKE_CURRENT_LIST_DIR}/cleaner_test.cc whipcount_clean whipcount_read)
