#include "syntax/clusters.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <unordered_map>
#include <utility>

#include "syntax/perceptron.h"

namespace whipcount::syntax {

// ---------------------------------------------------------------------------------------------
// The map.

uint64_t WordClusters::Key(std::string_view word) {
  std::string folded(word);
  for (char& c : folded) {
    if (c >= '1' && c <= '9') c = '0';
  }
  const uint64_t h = HashBytes(folded);
  return h == 0 ? 1 : h;
}

void WordClusters::Reserve(size_t words) {
  size_t capacity = 16;
  while (capacity < words * 2) capacity *= 2;
  keys_.assign(capacity, 0);
  classes_.assign(capacity, 0);
  size_ = 0;
}

void WordClusters::Insert(uint64_t key, int cls) {
  const size_t mask = keys_.size() - 1;
  for (size_t i = static_cast<size_t>(key) & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) {
      classes_[i] = static_cast<uint16_t>(cls);
      return;
    }
    if (keys_[i] == 0) {
      keys_[i] = key;
      classes_[i] = static_cast<uint16_t>(cls);
      ++size_;
      return;
    }
  }
}

int WordClusters::Lookup(std::string_view word) const {
  if (size_ == 0) return kUnknown;
  const uint64_t key = Key(word);
  const size_t mask = keys_.size() - 1;
  for (size_t i = static_cast<size_t>(key) & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) return classes_[i];
    if (keys_[i] == 0) return kUnknown;
  }
}

void WordClusters::LookupAll(const std::vector<std::string_view>& words,
                             std::vector<int>* out) const {
  out->resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) (*out)[i] = Lookup(words[i]);
}

WordClusters WordClusters::FromPairs(const std::vector<std::pair<std::string, int>>& pairs,
                                     int num_classes) {
  WordClusters map;
  map.num_classes_ = num_classes;
  map.Reserve(pairs.size());
  for (const auto& [word, cls] : pairs) map.Insert(Key(word), cls);
  return map;
}

namespace {

// The (key, class) pairs of the map in key order: the saved form, the same whatever order the
// words were inserted in.
std::vector<std::pair<uint64_t, int>> SortedEntries(const std::vector<uint64_t>& keys,
                                                    const std::vector<uint16_t>& classes) {
  std::vector<std::pair<uint64_t, int>> entries;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] != 0) entries.emplace_back(keys[i], classes[i]);
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

}  // namespace

uint64_t WordClusters::Fingerprint() const {
  if (size_ == 0) return 0;
  ByteWriter out;
  Serialize(&out);
  return Fnv1a64(out.bytes());
}

void WordClusters::Serialize(ByteWriter* out) const {
  out->U32(size_ == 0 ? 0 : static_cast<uint32_t>(num_classes_));
  const auto entries = SortedEntries(keys_, classes_);
  out->U64(entries.size());
  for (const auto& [key, cls] : entries) {
    out->U64(key);
    out->VarU64(static_cast<uint64_t>(cls));
  }
}

Status WordClusters::Deserialize(ByteReader* in, WordClusters* out) {
  uint32_t classes;
  uint64_t count;
  if (Status st = in->U32("cluster class count", &classes); !st.ok()) return st;
  if (classes > static_cast<uint32_t>(kMaxClasses)) {
    return in->Error("word clusters have " + std::to_string(classes) + " classes, more than " +
                     std::to_string(kMaxClasses));
  }
  if (Status st = in->U64("cluster word count", &count); !st.ok()) return st;
  if (count > (uint64_t{1} << 26) || (classes == 0 && count != 0)) {
    return in->Error("implausible cluster word count " + std::to_string(count));
  }
  WordClusters map;
  map.num_classes_ = static_cast<int>(classes);
  map.Reserve(static_cast<size_t>(count));
  uint64_t prev = 0;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t key, cls;
    if (Status st = in->U64("cluster word key", &key); !st.ok()) return st;
    if (Status st = in->VarU64("cluster class", &cls); !st.ok()) return st;
    if (key == 0 || (i > 0 && key <= prev)) return in->Error("cluster keys out of order");
    if (cls >= classes) return in->Error("cluster class " + std::to_string(cls) + " out of range");
    map.Insert(key, static_cast<int>(cls));
    prev = key;
  }
  *out = std::move(map);
  return Status::Ok();
}

// The text form keeps the words themselves (the binary form keeps only their hashes): it is what
// --make-clusters writes for people to read and what a training run reads.
Status WriteClusterText(const std::string& path,
                        const std::vector<std::pair<std::string, int>>& pairs) {
  std::ofstream out(path);
  for (const auto& [word, cls] : pairs) out << cls << '\t' << word << '\n';
  out.flush();
  if (!out) return Status::IOError(path + ": cannot write the word cluster file");
  return Status::Ok();
}

Result<WordClusters> WordClusters::ReadText(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open the word cluster file");
  std::vector<std::pair<std::string, int>> pairs;
  std::string line;
  int max_class = -1;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    char* end = nullptr;
    const long cls = tab == std::string::npos ? -1 : std::strtol(line.c_str(), &end, 10);
    if (tab == std::string::npos || end != line.c_str() + tab || cls < 0 || cls >= kMaxClasses ||
        tab + 1 == line.size()) {
      return Status::InvalidInput(path + ": line " + std::to_string(number) +
                                  ": expected \"class<TAB>word\" with class in [0, " +
                                  std::to_string(kMaxClasses) + ")");
    }
    pairs.emplace_back(line.substr(tab + 1), static_cast<int>(cls));
    max_class = std::max(max_class, static_cast<int>(cls));
  }
  if (pairs.empty()) return Status::InvalidInput(path + ": no words");
  return FromPairs(pairs, max_class + 1);
}

// ---------------------------------------------------------------------------------------------
// Induction.

namespace {

// x log x, from a table for the small counts that dominate.
class XLogX {
 public:
  XLogX() : table_(kTable) {
    for (size_t i = 1; i < kTable; ++i) {
      table_[i] = static_cast<double>(i) * std::log(static_cast<double>(i));
    }
  }
  double operator()(int64_t x) const {
    if (x <= 0) return 0;
    if (x < static_cast<int64_t>(kTable)) return table_[static_cast<size_t>(x)];
    const double d = static_cast<double>(x);
    return d * std::log(d);
  }

 private:
  static constexpr size_t kTable = 1 << 20;
  std::vector<double> table_;
};

struct Neighbour {
  int word;
  int64_t count;
};

}  // namespace

std::vector<std::pair<std::string, int>> InduceClusters(
    const std::vector<std::vector<std::string>>& sentences, const ClusterOptions& options,
    const std::function<void(int, size_t, double)>& progress) {
  const int C = std::max(2, std::min(options.num_classes, WordClusters::kMaxClasses));
  // Vocabulary: id 0 is the shared rare word, then words by falling count (ties by spelling).
  std::unordered_map<std::string, int64_t> counts;
  for (const auto& sent : sentences) {
    for (const auto& w : sent) ++counts[w];
  }
  std::vector<std::pair<std::string, int64_t>> vocab;
  for (const auto& [w, c] : counts) {
    if (c >= options.min_count) vocab.emplace_back(w, c);
  }
  std::sort(vocab.begin(), vocab.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::unordered_map<std::string_view, int> id;
  for (size_t i = 0; i < vocab.size(); ++i) id.emplace(vocab[i].first, static_cast<int>(i) + 1);
  const int V = static_cast<int>(vocab.size()) + 1;

  // Bigram counts within each sentence, as neighbour lists on both sides.
  std::unordered_map<uint64_t, int64_t> bigrams;
  for (const auto& sent : sentences) {
    int prev = -1;
    for (const auto& w : sent) {
      auto it = id.find(w);
      const int cur = it == id.end() ? 0 : it->second;
      if (prev >= 0) ++bigrams[(static_cast<uint64_t>(prev) << 32) | static_cast<uint32_t>(cur)];
      prev = cur;
    }
  }
  std::vector<std::vector<Neighbour>> right(V), left(V);
  std::vector<int64_t> self(V, 0);
  std::vector<int64_t> as_left(V, 0), as_right(V, 0);  // bigrams with the word first / second
  for (const auto& [pair, count] : bigrams) {
    const int a = static_cast<int>(pair >> 32), b = static_cast<int>(pair & 0xffffffffu);
    as_left[a] += count;
    as_right[b] += count;
    if (a == b) {
      self[a] += count;
    } else {
      right[a].push_back({b, count});
      left[b].push_back({a, count});
    }
  }
  // Hash order is not portable: sort so that sums run in the same order everywhere.
  auto by_word = [](const Neighbour& x, const Neighbour& y) { return x.word < y.word; };
  for (int w = 0; w < V; ++w) {
    std::sort(right[w].begin(), right[w].end(), by_word);
    std::sort(left[w].begin(), left[w].end(), by_word);
  }

  // Initial classes: words in frequency order dealt round-robin.
  std::vector<int> cls(V);
  for (int w = 0; w < V; ++w) cls[w] = w % C;
  // N: class bigram counts; NL / NR: bigrams whose first / second word is in the class.
  std::vector<int64_t> N(static_cast<size_t>(C) * C, 0), NL(C, 0), NR(C, 0);
  auto at = [&](int c1, int c2) -> int64_t& { return N[static_cast<size_t>(c1) * C + c2]; };
  for (int w = 0; w < V; ++w) {
    for (const Neighbour& nb : right[w]) at(cls[w], cls[nb.word]) += nb.count;
    at(cls[w], cls[w]) += self[w];
    NL[cls[w]] += as_left[w];
    NR[cls[w]] += as_right[w];
  }
  // The class bigram log-likelihood up to terms that do not depend on the classes.
  const XLogX f;
  auto likelihood = [&] {
    double ll = 0;
    for (int64_t n : N) ll += f(n);
    for (int c = 0; c < C; ++c) ll -= f(NL[c]) + f(NR[c]);
    return ll;
  };

  std::vector<int64_t> R(C, 0), L(C, 0);
  std::vector<int> touched_r, touched_l;
  std::vector<double> delta(C);
  for (int pass = 1; pass <= options.iterations; ++pass) {
    size_t moved = 0;
    for (int w = 0; w < V; ++w) {
      const int a = cls[w];
      // Counts of w's neighbours by class (w itself aside: `self`).
      touched_r.clear();
      touched_l.clear();
      for (const Neighbour& nb : right[w]) {
        const int c = cls[nb.word];
        if (R[c] == 0) touched_r.push_back(c);
        R[c] += nb.count;
      }
      for (const Neighbour& nb : left[w]) {
        const int c = cls[nb.word];
        if (L[c] == 0) touched_l.push_back(c);
        L[c] += nb.count;
      }
      // Take w out of a.
      for (int c : touched_r) at(a, c) -= R[c];
      for (int c : touched_l) at(c, a) -= L[c];
      at(a, a) -= self[w];
      NL[a] -= as_left[w];
      NR[a] -= as_right[w];
      // The gain of putting it into each class b: cells (b, c) and (c, b) with c != b get R[c]
      // and L[c]; the cell (b, b) gets R[b] + L[b] + self.
      for (int b = 0; b < C; ++b) {
        double d = 0;
        for (int c : touched_r) {
          if (c == b) continue;
          const int64_t n = at(b, c);
          d += f(n + R[c]) - f(n);
        }
        for (int c : touched_l) {
          if (c == b) continue;
          const int64_t n = at(c, b);
          d += f(n + L[c]) - f(n);
        }
        const int64_t nbb = at(b, b);
        d += f(nbb + R[b] + L[b] + self[w]) - f(nbb);
        d -= f(NL[b] + as_left[w]) - f(NL[b]);
        d -= f(NR[b] + as_right[w]) - f(NR[b]);
        delta[b] = d;
      }
      int best = a;  // stays unless another class is strictly better
      for (int b = 0; b < C; ++b) {
        if (delta[b] > delta[best] + 1e-9) best = b;
      }
      // Put it into best.
      for (int c : touched_r) {
        if (c != best) at(best, c) += R[c];
      }
      for (int c : touched_l) {
        if (c != best) at(c, best) += L[c];
      }
      at(best, best) += R[best] + L[best] + self[w];
      NL[best] += as_left[w];
      NR[best] += as_right[w];
      if (best != a) {
        cls[w] = best;
        ++moved;
      }
      for (int c : touched_r) R[c] = 0;
      for (int c : touched_l) L[c] = 0;
    }
    if (progress) progress(pass, moved, likelihood());
    if (moved * 1000 < static_cast<size_t>(V)) break;
  }

  std::vector<std::pair<std::string, int>> pairs;
  for (size_t i = 0; i < vocab.size(); ++i) pairs.emplace_back(vocab[i].first, cls[i + 1]);
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Raw text.

namespace {

// Length of the punctuation character at the start of s (ASCII or a common UTF-8 one), or 0.
size_t PunctAt(std::string_view s) {
  static const char* const kMulti[] = {"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x98",
                                       "\xe2\x80\x99", "\xe2\x80\x94", "\xe2\x80\x93",
                                       "\xe2\x80\xa6"};
  if (s.empty()) return 0;
  const unsigned char c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) {
    return std::string_view("\"'()[]{},.;:!?*<>").find(static_cast<char>(c)) !=
                   std::string_view::npos
               ? 1
               : 0;
  }
  for (const char* m : kMulti) {
    if (s.substr(0, 3) == m) return 3;
  }
  return 0;
}

// Length of the punctuation character that ends s, or 0.
size_t PunctBefore(std::string_view s) {
  if (s.empty()) return 0;
  if (static_cast<unsigned char>(s.back()) < 0x80) return PunctAt(s.substr(s.size() - 1));
  if (s.size() >= 3 && PunctAt(s.substr(s.size() - 3)) == 3) return 3;
  return 0;
}

// Whether `word` (without its final period) keeps the period: "U.S." and "p.m.", and titles.
bool KeepsPeriod(std::string_view word) {
  if (word.find('.') != std::string_view::npos) return true;
  static const char* const kAbbrev[] = {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Inc",
                                        "Corp", "Co", "Ltd", "Gov", "Sen", "Rep", "Gen", "vs",
                                        "Lt", "Col", "Sgt", "Prof", "No", "Jan", "Feb", "Aug",
                                        "Sept", "Oct", "Nov", "Dec", "Calif", "Mass"};
  for (const char* a : kAbbrev) {
    if (word == a) return true;
  }
  return false;
}

// Splits a clitic off the end of `word` (UD style); false when there is none.
bool SplitClitic(std::string_view word, std::string_view* stem, std::string_view* clitic) {
  static const char* const kApostrophes[] = {"'", "\xe2\x80\x99"};
  for (const char* ap : kApostrophes) {
    // n't: "don't" -> "do" "n't"
    for (const std::string& nt : {std::string("n") + ap + "t", std::string("N") + ap + "T"}) {
      if (word.size() > nt.size() && word.substr(word.size() - nt.size()) == nt) {
        *stem = word.substr(0, word.size() - nt.size());
        *clitic = word.substr(word.size() - nt.size());
        return true;
      }
    }
    for (const char* tail : {"s", "re", "ve", "ll", "m", "d", "S", "RE", "VE", "LL", "M", "D"}) {
      const std::string suffix = std::string(ap) + tail;
      if (word.size() > suffix.size() && word.substr(word.size() - suffix.size()) == suffix) {
        *stem = word.substr(0, word.size() - suffix.size());
        *clitic = word.substr(word.size() - suffix.size());
        return true;
      }
    }
  }
  return false;
}

}  // namespace

void TokenizeRawText(std::string_view text, std::vector<std::vector<std::string>>* lines) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    std::vector<std::string> tokens;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
      std::string_view piece = line.substr(i, j - i);
      i = j;
      std::vector<std::string> tail;
      while (size_t n = PunctAt(piece)) {
        tokens.emplace_back(piece.substr(0, n));
        piece.remove_prefix(n);
      }
      while (size_t n = PunctBefore(piece)) {
        if (n == 1 && piece.back() == '.' && piece.size() >= 2 &&
            std::isalpha(static_cast<unsigned char>(piece[piece.size() - 2])) &&
            KeepsPeriod(piece.substr(0, piece.size() - 1))) {
          break;
        }
        tail.emplace_back(piece.substr(piece.size() - n));
        piece.remove_suffix(n);
      }
      std::string_view stem, clitic;
      if (SplitClitic(piece, &stem, &clitic)) {
        if (!stem.empty()) tokens.emplace_back(stem);
        tokens.emplace_back(clitic);
      } else if (!piece.empty()) {
        tokens.emplace_back(piece);
      }
      tokens.insert(tokens.end(), tail.rbegin(), tail.rend());
    }
    if (!tokens.empty()) lines->push_back(std::move(tokens));
    start = end + 1;
  }
}

}  // namespace whipcount::syntax
