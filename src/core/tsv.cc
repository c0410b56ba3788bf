#include "core/tsv.h"

#include <fstream>

namespace whipcount::core {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \r\t");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \r\t");
  return s.substr(b, e - b + 1);
}

}  // namespace

Result<std::vector<TsvRow>> ReadTsv(const std::string& path, size_t min_fields) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open");
  std::vector<TsvRow> rows;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    TsvRow row;
    row.line = n;
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      row.fields.push_back(Trim(line.substr(start, tab - start)));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (min_fields > 0 && row.fields.size() < min_fields)
      return Status::InvalidInput(path + ":" + std::to_string(n) + ": expected at least " +
                                  std::to_string(min_fields) + " fields, got " +
                                  std::to_string(row.fields.size()));
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<std::string>> ReadWordList(const std::string& path) {
  auto rows = ReadTsv(path, 1);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> words;
  for (auto& r : *rows) words.push_back(r.fields[0]);
  return words;
}

}  // namespace whipcount::core
