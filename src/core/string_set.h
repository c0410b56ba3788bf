// Hash sets and maps of strings that can be probed with a std::string_view, so a lookup of a
// token's text builds no temporary std::string. Thread safety: as the standard containers.
#ifndef WHIPCOUNT_CORE_STRING_SET_H_
#define WHIPCOUNT_CORE_STRING_SET_H_

#include <bitset>
#include <functional>
#include <initializer_list>
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

// A StringSet with a filter in front: one bit per shape (length, first two bytes) of its words.
// Most words probed against a word list share their shape with none of its words and are ruled
// out without hashing; for word lists probed once per token.
class WordSet {
 public:
  WordSet() = default;
  WordSet(std::initializer_list<const char*> words) {
    for (const char* w : words) insert(w);
  }
  void insert(std::string word) {
    shapes_.set(Shape(word));
    set_.insert(std::move(word));
  }
  bool contains(std::string_view word) const {
    return shapes_[Shape(word)] && set_.find(word) != set_.end();
  }
  size_t count(std::string_view word) const { return contains(word) ? 1 : 0; }
  size_t size() const { return set_.size(); }
  StringSet::const_iterator begin() const { return set_.begin(); }
  StringSet::const_iterator end() const { return set_.end(); }

 private:
  static size_t Shape(std::string_view w) {
    size_t h = w.size();
    h = h * 131 + (w.empty() ? 0 : static_cast<unsigned char>(w[0]));
    h = h * 131 + (w.size() < 2 ? 0 : static_cast<unsigned char>(w[1]));
    return h & 0xFFFF;
  }
  std::bitset<1 << 16> shapes_;
  StringSet set_;
};

}  // namespace whipcount::core

#endif  // WHIPCOUNT_CORE_STRING_SET_H_
