whipcount_test(${CMAKE_CURRENT_LIST_DIR}/knowledge_base_test.cc whipcount_kb)
# Resolution through the knowledge base on sentences written for the tests (kb_resolve_test.cc).
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/kb_resolve_test.cc whipcount_pipeline)
# `whipcount actors`, `--kb FILE` and `extract --facts` run as a user runs them (the binary).
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/actors_cli_test.cc GTest::gmock
  nlohmann_json::nlohmann_json)
add_dependencies(actors_cli_test whipcount)
