# The evaluation floor (eval_floor_test.cc): scores the built binary on ../shared/eval against
# tests/eval/floors.json; skips when ../shared is absent.
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/eval_floor_test.cc nlohmann_json::nlohmann_json)
add_dependencies(eval_floor_test whipcount)
