// Helpers shared by the mentions, resolve and stances stages.
#ifndef WHIPCOUNT_MENTIONS_MENTIONS_INTERNAL_H_
#define WHIPCOUNT_MENTIONS_MENTIONS_INTERNAL_H_

#include <string>
#include <string_view>

namespace whipcount::mentions {

// Lower-cased words of `s` joined by single spaces; punctuation and a possessive 's dropped, a
// leading "the" dropped. The same function keys names in text and in the knowledge base, so
// "The AFL-CIO's" and "AFL-CIO" both give "afl cio".
std::string NormWords(std::string_view s);
// True when `s` has letters and none of them is lower-case.
bool IsAllCaps(std::string_view s);

}  // namespace whipcount::mentions

#endif  // WHIPCOUNT_MENTIONS_MENTIONS_INTERNAL_H_
