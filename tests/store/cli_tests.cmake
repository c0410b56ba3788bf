whipcount_test(${CMAKE_CURRENT_LIST_DIR}/../cli/store_cli_test.cc whipcount_store)
