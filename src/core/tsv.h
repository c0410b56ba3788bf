// Reading of the project's plain data files (word lists and TSV tables). Lines starting with
// '#' and blank lines are skipped. Errors name the file and line. Thread safety: pure functions.
#ifndef WHIPCOUNT_CORE_TSV_H_
#define WHIPCOUNT_CORE_TSV_H_

#include <string>
#include <vector>

#include "whipcount/status.h"

namespace whipcount::core {

struct TsvRow {
  int line = 0;                     // 1-based line number in the file
  std::vector<std::string> fields;  // split on TAB, each trimmed of surrounding spaces
};

// Reads all rows of a TSV file. When `min_fields` > 0, a row with fewer fields is an error
// "PATH:LINE: expected at least N fields, got M".
Result<std::vector<TsvRow>> ReadTsv(const std::string& path, size_t min_fields);
// Reads a word list (one entry a line, trimmed).
Result<std::vector<std::string>> ReadWordList(const std::string& path);

}  // namespace whipcount::core

#endif  // WHIPCOUNT_CORE_TSV_H_
