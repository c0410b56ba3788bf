# Tests of src/facts through the real pipeline and data/ (see facts_test.cc).
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/facts_test.cc whipcount_pipeline whipcount_facts
  GTest::gmock nlohmann_json::nlohmann_json)
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/facts_store_test.cc whipcount_store)
