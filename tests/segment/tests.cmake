whipcount_test(${CMAKE_CURRENT_LIST_DIR}/segmenter_test.cc whipcount_segment
  nlohmann_json::nlohmann_json)
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/segmenter_limits_test.cc whipcount_segment)
