whipcount_test(${CMAKE_CURRENT_LIST_DIR}/knowledge_base_test.cc whipcount_kb)
