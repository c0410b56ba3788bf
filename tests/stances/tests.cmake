# Tests of src/stances through the real pipeline and data/ (see stances_test.cc).
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/stances_test.cc whipcount_pipeline GTest::gmock)
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/tree_test.cc whipcount_pipeline GTest::gmock)
