# Tests of src/mentions: the segmenter and date stage build its input; real data/ files.
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/mentions_test.cc whipcount_mentions whipcount_segment
  whipcount_date whipcount_kb GTest::gmock)
