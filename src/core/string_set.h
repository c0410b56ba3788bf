// Hash sets and maps of strings that can be probed with a std::string_view, so a lookup of a
// token's text builds no temporary std::string. Thread safety: as the standard containers.
#ifndef WHIPCOUNT_CORE_STRING_SET_H_
#define WHIPCOUNT_CORE_STRING_SET_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace whipcount::core {

struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

using StringSet = std::unordered_set<std::string, ViewHash, std::equal_to<>>;
template <typename V>
using StringMap = std::unordered_map<std::string, V, ViewHash, std::equal_to<>>;

}  // namespace whipcount::core

#endif  // WHIPCOUNT_CORE_STRING_SET_H_
