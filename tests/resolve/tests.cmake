# Tests of src/resolve through the real pipeline and data/ (see resolver_test.cc).
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/resolver_test.cc whipcount_pipeline GTest::gmock)
