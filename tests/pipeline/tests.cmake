# Tests of the public Pipeline API (include/whipcount/pipeline.h) over the real data/.
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/pipeline_test.cc whipcount_pipeline GTest::gmock
  nlohmann_json::nlohmann_json)
