# Tests of `whipcount serve`: they run the built binary (WHIPCOUNT_BINARY) on loopback and talk
# to it with cpp-httplib's client.
whipcount_test(${CMAKE_CURRENT_LIST_DIR}/server_test.cc PkgConfig::HTTPLIB
  nlohmann_json::nlohmann_json)
add_dependencies(server_test whipcount)
