#include <algorithm>

#include "whipcount/document.h"

namespace whipcount {

uint32_t OffsetMap::ToRaw(uint32_t clean) const {
  if (pieces_.empty()) return clean;
  auto it = std::upper_bound(pieces_.begin(), pieces_.end(), clean,
                             [](uint32_t c, const Piece& p) { return c < p.clean; });
  if (it == pieces_.begin()) return clean;
  --it;
  return it->raw + (clean - it->clean);
}

}  // namespace whipcount
