# Robustness (issue 8, docs/ROBUSTNESS.md): bad input, a full disk and kill -9, run on the
# built binary (WHIPCOUNT_BINARY).
add_library(whipcount_robustness_util STATIC ${CMAKE_CURRENT_LIST_DIR}/robustness_util.cc)
target_link_libraries(whipcount_robustness_util PUBLIC whipcount_store whipcount_testutil
  nlohmann_json::nlohmann_json)
target_compile_definitions(whipcount_robustness_util PRIVATE
  WHIPCOUNT_BINARY="$<TARGET_FILE:whipcount>")
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/bad_input_test.cc whipcount_robustness_util)
add_dependencies(bad_input_test whipcount)
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/kill_test.cc whipcount_robustness_util)
add_dependencies(kill_test whipcount)
