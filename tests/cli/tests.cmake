# Tests of the `whipcount extract` command: they run the built binary (WHIPCOUNT_BINARY).
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/extract_cli_test.cc GTest::gmock
  nlohmann_json::nlohmann_json)
add_dependencies(extract_cli_test whipcount)
