// Levenshtein distance between two byte strings (insertions, deletions, substitutions each cost
// 1), for ranking "did you mean" suggestions. O(|a|*|b|) time, O(|b|) memory. Thread-safe.
#ifndef WHIPCOUNT_CORE_EDIT_DISTANCE_H_
#define WHIPCOUNT_CORE_EDIT_DISTANCE_H_

#include <cstddef>
#include <string_view>

namespace whipcount::core {

size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace whipcount::core

#endif  // WHIPCOUNT_CORE_EDIT_DISTANCE_H_
