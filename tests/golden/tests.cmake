# Golden end-to-end tests: tests/golden/<case>/{input.*, expected.jsonl}, compared with the output
# of the built `whipcount extract`. tools/update_golden.sh --update rewrites expected.jsonl.
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/golden_test.cc nlohmann_json::nlohmann_json)
add_dependencies(golden_test whipcount)
