// Segmenter: a single hand-written pass over the text makes the tokens, and a second pass over
// the tokens places sentence breaks (compute, then apply, as every rule stage does).
//
// Why not ICU's BreakIterator: its English sentence rules (even with the "ss=standard"
// suppressions) break after "Sen." and "Gov.", and over the shared news corpus its word and
// sentence iterators together run at about 28 MB/s against about 165 MB/s for this whole stage
// (one core, Release). ICU only classifies the non-ASCII code points here, which are rare in news.

#include "segment/segmenter.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/string_set.h"
#include "core/utf8.h"

namespace whipcount::segment {
namespace {

// The longest sentence handed on; news sentences stay far below (a long one has ~80 tokens).
constexpr size_t kMaxSentenceTokens = 400;

// ---------------------------------------------------------------------------------------------
// Character classes.

enum CharClass : uint8_t {
  kSpace,
  kNewline,
  kLower,   // lower-case letter
  kUpper,   // upper- or title-case letter
  kLetter,  // other letters and combining marks (no case)
  kDigit,
  kHyphen,      // - and U+2010, U+2011
  kApostrophe,  // ' and U+2019 (also a closing single quote)
  kDot,
  kComma,
  kColon,
  kSlash,
  kAmpersand,
  kAt,
  kHash,
  kUnderscore,
  kQuote,         // " (opening or closing)
  kOpenQuote,     // U+201C, U+2018, U+00AB
  kCloseQuote,    // U+201D, U+00BB
  kOpenBracket,   // ( [ {
  kCloseBracket,  // ) ] }
  kBang,          // ! ?
  kEllipsis,      // U+2026
  kDash,          // U+2013, U+2014
  kOther,         // other punctuation and symbols: one token each
};

struct Char {
  uint8_t cls;
  uint8_t len;  // bytes
};

constexpr bool IsWordClass(uint8_t c) {
  return c == kLower || c == kUpper || c == kLetter || c == kDigit;
}
constexpr bool IsLetterClass(uint8_t c) { return c == kLower || c == kUpper || c == kLetter; }

struct AsciiTable {
  uint8_t cls[128];
  constexpr AsciiTable() : cls() {
    for (int c = 0; c < 128; ++c) {
      uint8_t k = kOther;
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0)
        k = kSpace;
      else if (c == '\n')
        k = kNewline;
      else if (c >= 'a' && c <= 'z')
        k = kLower;
      else if (c >= 'A' && c <= 'Z')
        k = kUpper;
      else if (c >= '0' && c <= '9')
        k = kDigit;
      else if (c == '-')
        k = kHyphen;
      else if (c == '\'')
        k = kApostrophe;
      else if (c == '.')
        k = kDot;
      else if (c == ',')
        k = kComma;
      else if (c == ':')
        k = kColon;
      else if (c == '/')
        k = kSlash;
      else if (c == '&')
        k = kAmpersand;
      else if (c == '@')
        k = kAt;
      else if (c == '#')
        k = kHash;
      else if (c == '_')
        k = kUnderscore;
      else if (c == '"')
        k = kQuote;
      else if (c == '(' || c == '[' || c == '{')
        k = kOpenBracket;
      else if (c == ')' || c == ']' || c == '}')
        k = kCloseBracket;
      else if (c == '!' || c == '?')
        k = kBang;
      else if (c < 32 || c == 127)
        k = kSpace;
      cls[c] = k;
    }
  }
};
constexpr AsciiTable kAscii;

uint8_t ClassifyCodePoint(char32_t cp) {
  switch (cp) {
    case 0x2010:
    case 0x2011:
      return kHyphen;
    case 0x2019:
      return kApostrophe;
    case 0x2018:
    case 0x201C:
    case 0x00AB:
      return kOpenQuote;
    case 0x201D:
    case 0x00BB:
      return kCloseQuote;
    case 0x2026:
      return kEllipsis;
    case 0x2013:
    case 0x2014:
      return kDash;
    case 0x2028:
    case 0x2029:
    case 0x0085:
      return kNewline;
    case 0x00AD:
    case 0x200D:
      return kLetter;  // soft hyphen, zero-width joiner: inside words
    case 0xFFFD:
      return kOther;
    default:
      break;
  }
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UPPERCASE_LETTER:
    case U_TITLECASE_LETTER:
      return kUpper;
    case U_LOWERCASE_LETTER:
      return kLower;
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return kLetter;
    case U_DECIMAL_DIGIT_NUMBER:
      return kDigit;
    case U_SPACE_SEPARATOR:
    case U_CONTROL_CHAR:
      return kSpace;
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return kNewline;
    case U_FORMAT_CHAR:  // zero-width space, BOM, direction marks: ignorable
      return kSpace;
    default:
      return kOther;
  }
}

// The class and byte length of the code point at s[i]. REQUIRES: i < s.size().
inline Char At(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {kAscii.cls[c], 1};
  size_t j = i;
  char32_t cp = core::DecodeAt(s, j);
  return {ClassifyCodePoint(cp), static_cast<uint8_t>(j - i)};
}

inline uint8_t ClassAt(std::string_view s, size_t i) {
  return i < s.size() ? At(s, i).cls : static_cast<uint8_t>(kSpace);
}

inline char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// ASCII-lower-cases `s` and turns the typographic apostrophe into '.
std::string FoldApostrophes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\xE2\x80\x99") == 0) {
      out += '\'';
      i += 2;
    } else {
      out += AsciiLower(s[i]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The lexicon (data/lexicons/abbreviations.txt).

using core::StringSet;

struct Split {
  std::string word;            // folded
  std::vector<uint32_t> cuts;  // byte offsets inside the word, increasing
};

struct Lexicon {
  StringSet titles;          // never end a sentence
  StringSet abbreviations;   // may end one, before a starter
  StringSet before_capital;  // end one before any capitalised word
  StringSet before_number;   // abbreviations only before a number
  StringSet starters;
  std::vector<std::string> clitics;  // folded, with '
  std::vector<Split> splits;
  uint64_t split_lengths = 0;  // bit n set when some split word has n bytes (n < 64)
};

Status ParseLexicon(const std::string& path, Lexicon& lex) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open the segmenter lexicon");
  enum { kNone, kTitles, kAbbrev, kCapital, kNumber, kStarters, kClitics, kSplits } section = kNone;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    auto where = [&] { return path + ":" + std::to_string(line_no) + ": "; };
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.pop_back();
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    std::string entry = line.substr(first);
    if (entry.front() == '[') {
      if (entry == "[titles]")
        section = kTitles;
      else if (entry == "[abbreviations]")
        section = kAbbrev;
      else if (entry == "[ends-before-capital]")
        section = kCapital;
      else if (entry == "[before-number]")
        section = kNumber;
      else if (entry == "[starters]")
        section = kStarters;
      else if (entry == "[clitics]")
        section = kClitics;
      else if (entry == "[splits]")
        section = kSplits;
      else
        return Status::Corruption(where() + "unknown section " + entry);
      continue;
    }
    if (entry.find_first_of(" \t") != std::string::npos)
      return Status::Corruption(where() + "an entry must be one word: '" + entry + "'");
    switch (section) {
      case kNone:
        return Status::Corruption(where() + "entry before any [section] header");
      case kTitles:
      case kAbbrev:
      case kCapital:
      case kNumber: {
        if (entry.back() != '.')
          return Status::Corruption(where() + "an abbreviation must end with '.': " + entry);
        StringSet& set = section == kTitles    ? lex.titles
                         : section == kAbbrev  ? lex.abbreviations
                         : section == kCapital ? lex.before_capital
                                               : lex.before_number;
        set.insert(entry);
        break;
      }
      case kStarters:
        lex.starters.insert(entry);
        break;
      case kClitics: {
        std::string folded = FoldApostrophes(entry);
        if (folded.size() < 2 || folded.find('\'') == std::string::npos)
          return Status::Corruption(where() + "a clitic must contain an apostrophe: " + entry);
        lex.clitics.push_back(std::move(folded));
        break;
      }
      case kSplits: {
        Split split;
        for (char c : entry) {
          if (c == '|') {
            if (split.word.empty() ||
                (!split.cuts.empty() && split.cuts.back() == split.word.size()))
              return Status::Corruption(where() + "empty part in split " + entry);
            split.cuts.push_back(static_cast<uint32_t>(split.word.size()));
          } else {
            split.word += AsciiLower(c);
          }
        }
        if (split.cuts.empty() || split.cuts.back() == split.word.size())
          return Status::Corruption(where() + "a split needs '|' between two parts: " + entry);
        if (split.word.size() < 64) lex.split_lengths |= uint64_t{1} << split.word.size();
        lex.splits.push_back(std::move(split));
        break;
      }
    }
  }
  if (in.bad()) return Status::IOError(path + ": read error");
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Tokens and what the sentence pass needs to know of each.

enum TokenKind : uint8_t {
  kWordToken,
  kTerminal,     // . ! ? ... and runs of them
  kCloser,       // closing quotes and brackets, and " ' whose role is decided by spacing
  kOpener,       // opening quotes and brackets
  kPunctToken,   // other punctuation
  kNeverEnds,    // an abbreviation that keeps its period and never ends a sentence
  kMayEnd,       // an abbreviation that keeps its period and may end one before a starter
  kCapitalEnds,  // an abbreviation that keeps its period and ends one before a capital
};

struct TokenFacts {
  uint8_t kind = kWordToken;
  bool gap_before = false;   // whitespace between this token and the previous one
  bool line_before = false;  // a line break between this token and the previous one
  bool upper_start = false;  // starts with an upper-case letter
  bool digit_start = false;
};

}  // namespace

struct Segmenter::Impl {
  Lexicon lex;

  void Tokenize(std::string_view text, std::vector<Token>& tokens,
                std::vector<TokenFacts>& facts) const;
  void Sentences(std::string_view text, const std::vector<Token>& tokens,
                 const std::vector<TokenFacts>& facts, std::vector<Sentence>& sentences) const;

 private:
  size_t ScanWord(std::string_view text, size_t start, bool& has_apostrophe, bool& has_dot) const;
  size_t ScanUrl(std::string_view text, size_t start) const;
  void EmitWord(std::string_view text, size_t begin, size_t end, bool has_apostrophe,
                const TokenFacts& first, std::vector<Token>& tokens,
                std::vector<TokenFacts>& facts) const;
  // What the word [begin, end_with_dot) is when it keeps its final period: kNeverEnds,
  // kMayEnd or kCapitalEnds; kWordToken when the period is not part of it.
  uint8_t AbbreviationKind(std::string_view text, size_t begin, size_t end_with_dot) const;
  uint8_t ListedKind(std::string_view text, size_t begin, size_t end_with_dot) const;
};

namespace {

bool IsDash(std::string_view t) {
  return t == "\xE2\x80\x94" || t == "\xE2\x80\x93" || t == "--" || t == "-";
}

// True when t has two or more letters and all of them are capitals ("CLEVELAND", "AP").
bool IsCapitalsWord(std::string_view t) {
  int letters = 0;
  for (char c : t) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

// The tokens of a dateline opening `sent` up to its dash: a place in capitals, then perhaps a
// state or agency ("COLUMBUS, Ohio (AP) —"); 0 when there is none. At most two words of the
// place or agency are not in capitals ("Ohio", "Calif."), so "SEIU President Mary Kay Henry -"
// is none.
uint32_t DatelineTokens(const Document& doc, const Sentence& sent) {
  const uint32_t begin = sent.token_begin, end = sent.token_end;
  if (begin >= end || !IsCapitalsWord(doc.TokenText(begin))) return 0;
  int mixed = 0;
  for (uint32_t i = begin + 1; i < end && i < begin + 8; ++i) {
    std::string_view t = doc.TokenText(i);
    if (IsDash(t)) return i + 1 < end ? i + 1 - begin : 0;
    if (t == "," || t == "(" || t == ")" || t == "." || IsCapitalsWord(t)) continue;
    if (t.empty() || t[0] < 'A' || t[0] > 'Z' || ++mixed > 2) return 0;
  }
  return 0;
}

bool StartsWithNoCase(std::string_view text, size_t pos, std::string_view prefix) {
  if (text.size() - pos < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k)
    if (AsciiLower(text[pos + k]) != prefix[k]) return false;
  return true;
}

// True when [begin, end) looks like "U.S", "D.C", "a.m": single letters joined by dots.
bool IsDottedLetters(std::string_view text, size_t begin, size_t end) {
  size_t i = begin;
  int letters = 0;
  while (i < end) {
    Char c = At(text, i);
    if (!IsLetterClass(c.cls)) return false;
    i += c.len;
    ++letters;
    if (i == end) break;
    if (text[i] != '.') return false;
    ++i;
  }
  return letters >= 1 && i == end;
}

// True when an e-mail address's '@' follows within the next few address characters, so that a
// dot at pos - 1 belongs to the address.
bool AddressAhead(std::string_view text, size_t pos) {
  size_t limit = std::min(text.size(), pos + 64);
  for (size_t i = pos; i < limit; ++i) {
    char c = text[i];
    if (c == '@') return i + 1 < text.size() && IsWordClass(ClassAt(text, i + 1));
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-' || c == '+';
    if (!ok) return false;
  }
  return false;
}

}  // namespace

// A word starts at `start` (a word character, or # @ before one). Returns its end. Connectors
// (- ' . , : / & @ _) join the word only between the characters that make them part of it.
size_t Segmenter::Impl::ScanWord(std::string_view text, size_t start, bool& has_apostrophe,
                                 bool& has_dot) const {
  size_t i = start;
  if (text[i] == '#' || text[i] == '@') ++i;
  size_t part_begin = i;  // after the last hyphen: "N.Y" in "R-N.Y"
  uint8_t prev = kSpace;
  while (i < text.size()) {
    Char c = At(text, i);
    if (IsWordClass(c.cls)) {
      prev = c.cls;
      i += c.len;
      continue;
    }
    size_t next_pos = i + c.len;
    uint8_t next = ClassAt(text, next_pos);
    bool join = false;
    switch (c.cls) {
      case kHyphen:
        join = IsWordClass(next);
        if (join) part_begin = next_pos;
        break;
      case kApostrophe:
        join = IsWordClass(prev) && IsLetterClass(next);  // O'Brien, don't, 2016's
        if (join) has_apostrophe = true;
        break;
      case kDot:
        if (prev == kDigit && next == kDigit) {
          join = true;
        } else if (next == kLower || next == kDigit) {
          join = IsWordClass(prev);  // MoveOn.org, a.m, v1.2
        } else if (next == kUpper || next == kLetter) {
          // U.S, D.C; or the local part of an address (Jane.Doe@example.org).
          join = IsDottedLetters(text, part_begin, i) ||
                 (IsWordClass(prev) && AddressAhead(text, next_pos));
        } else if (next == kHyphen && IsWordClass(ClassAt(text, next_pos + 1)) && has_dot &&
                   IsDottedLetters(text, part_begin, i)) {
          // "U.S.-backed": the dot belongs to the acronym and the hyphen joins the rest.
          i = next_pos + 1;
          part_begin = i;
          prev = kHyphen;
          continue;
        }
        if (join) has_dot = true;
        break;
      case kComma:
        // Thousands: a digit, a comma and exactly three digits.
        if (prev == kDigit && next_pos + 3 <= text.size()) {
          join = ClassAt(text, next_pos) == kDigit && ClassAt(text, next_pos + 1) == kDigit &&
                 ClassAt(text, next_pos + 2) == kDigit && ClassAt(text, next_pos + 3) != kDigit;
        }
        break;
      case kColon:
      case kSlash:
        join = prev == kDigit && next == kDigit;  // 9:30, 6/7/2016
        break;
      case kAmpersand:
        join = prev == kUpper && next == kUpper;  // AT&T, R&D
        break;
      case kAt:
      case kUnderscore:
        join = IsWordClass(prev) && IsWordClass(next);  // e-mail, snake_case handle
        break;
      default:
        break;
    }
    if (!join) break;
    prev = c.cls;
    i = next_pos;
  }
  return i;
}

// A URL starts at `start`; it runs to the next whitespace, less trailing punctuation.
size_t Segmenter::Impl::ScanUrl(std::string_view text, size_t start) const {
  size_t i = start;
  int open_parens = 0, open_brackets = 0;
  while (i < text.size()) {
    Char c = At(text, i);
    if (c.cls == kSpace || c.cls == kNewline || c.cls == kQuote || c.cls == kOpenQuote ||
        c.cls == kCloseQuote || text[i] == '<' || text[i] == '>')
      break;
    open_parens += (text[i] == '(') - (text[i] == ')');
    open_brackets += (text[i] == '[') - (text[i] == ']');
    i += c.len;
  }
  // Trim closing punctuation, keeping a ')' or ']' that closes an opener inside the URL
  // ("https://en.wikipedia.org/wiki/Union_(labor)").
  while (i > start) {
    char last = text[i - 1];
    if ((last == ')' && open_parens >= 0) || (last == ']' && open_brackets >= 0)) break;
    if (last == ')' || last == ']' || std::strchr(".,;:!?'", last) != nullptr) {
      open_parens += last == ')';
      open_brackets += last == ']';
      --i;
      continue;
    }
    if (i - start >= 3 && text.compare(i - 3, 3, "\xE2\x80\x99") == 0) {
      i -= 3;
      continue;
    }
    break;
  }
  return i;
}

uint8_t Segmenter::Impl::ListedKind(std::string_view text, size_t begin,
                                    size_t end_with_dot) const {
  std::string_view word = text.substr(begin, end_with_dot - begin);
  if (lex.titles.find(word) != lex.titles.end()) return kNeverEnds;
  if (lex.abbreviations.find(word) != lex.abbreviations.end()) return kMayEnd;
  if (lex.before_capital.find(word) != lex.before_capital.end()) return kCapitalEnds;
  if (lex.before_number.find(word) != lex.before_number.end()) {
    size_t j = end_with_dot;
    while (j < text.size() && text[j] == ' ') ++j;
    if (j > end_with_dot && j < text.size() && text[j] >= '0' && text[j] <= '9') return kNeverEnds;
  }
  return kWordToken;
}

uint8_t Segmenter::Impl::AbbreviationKind(std::string_view text, size_t begin,
                                          size_t end_with_dot) const {
  uint8_t kind = ListedKind(text, begin, end_with_dot);
  if (kind != kWordToken) return kind;
  // After a hyphen, the last part alone: "D-Va.", "R-N.Y.".
  size_t part = begin;
  for (size_t k = end_with_dot - 1; k > begin; --k) {
    if (text[k - 1] == '-') {
      part = k;
      break;
    }
  }
  if (part == end_with_dot - 1) return kWordToken;
  if (part != begin) {
    kind = ListedKind(text, part, end_with_dot);
    if (kind != kWordToken) return kind;
  }
  // A capital initial ("W.") or dotted letters ("U.S.", "a.m.").
  Char first = At(text, part);
  if (first.cls == kUpper && part + first.len + 1 == end_with_dot) return kMayEnd;
  std::string_view body = text.substr(part, end_with_dot - 1 - part);
  if (body.find('.') != std::string_view::npos && IsDottedLetters(text, part, end_with_dot - 1))
    return kMayEnd;
  return kWordToken;
}

void Segmenter::Impl::EmitWord(std::string_view text, size_t begin, size_t end, bool has_apostrophe,
                               const TokenFacts& first, std::vector<Token>& tokens,
                               std::vector<TokenFacts>& facts) const {
  auto push = [&](size_t b, size_t e, const TokenFacts& f) {
    tokens.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), 0});
    facts.push_back(f);
  };
  TokenFacts rest;  // facts of the pieces after the first: no gap, lower-case start
  size_t len = end - begin;
  // Fused words ("cannot"): rare, so test the length mask before folding.
  if (len < 64 && (lex.split_lengths >> len & 1) != 0) {
    std::string folded(text.substr(begin, len));
    for (char& c : folded) c = AsciiLower(c);
    for (const Split& split : lex.splits) {
      if (split.word != folded) continue;
      size_t b = begin;
      TokenFacts f = first;
      for (uint32_t cut : split.cuts) {
        push(b, begin + cut, f);
        f = rest;
        b = begin + cut;
      }
      push(b, end, f);
      return;
    }
  }
  if (has_apostrophe) {
    // Clitics: compare the folded tail of the word with each entry.
    for (const std::string& clitic : lex.clitics) {
      // The tail may hold the 3-byte ’ in place of the 1-byte '.
      for (size_t extra : {size_t{0}, size_t{2}}) {
        size_t tail = clitic.size() + extra;
        if (tail >= len) continue;
        std::string_view piece = text.substr(end - tail, tail);
        if (FoldApostrophes(piece) != clitic) continue;
        push(begin, end - tail, first);
        push(end - tail, end, rest);
        return;
      }
    }
  }
  push(begin, end, first);
}

void Segmenter::Impl::Tokenize(std::string_view text, std::vector<Token>& tokens,
                               std::vector<TokenFacts>& facts) const {
  TokenFacts next;  // facts for the next token to be pushed
  auto push = [&](size_t b, size_t e, uint8_t kind) {
    next.kind = kind;
    tokens.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e), 0});
    facts.push_back(next);
    next = TokenFacts();
  };
  size_t i = 0;
  while (i < text.size()) {
    Char c = At(text, i);
    switch (c.cls) {
      case kSpace:
        next.gap_before = true;
        i += c.len;
        continue;
      case kNewline:
        next.gap_before = true;
        next.line_before = true;
        i += c.len;
        continue;
      default:
        break;
    }
    // URLs.
    if ((c.cls == kLower || c.cls == kUpper) &&
        (StartsWithNoCase(text, i, "http://") || StartsWithNoCase(text, i, "https://") ||
         StartsWithNoCase(text, i, "www."))) {
      size_t e = ScanUrl(text, i);
      push(i, e, kWordToken);
      i = e;
      continue;
    }
    bool starts_word = IsWordClass(c.cls) ||
                       ((c.cls == kHash || c.cls == kAt) && IsLetterClass(ClassAt(text, i + 1)) &&
                        (next.gap_before || tokens.empty()));
    if (starts_word) {
      bool has_apostrophe = false, has_dot = false;
      size_t e = ScanWord(text, i, has_apostrophe, has_dot);
      TokenFacts first = next;
      first.upper_start = c.cls == kUpper;
      first.digit_start = c.cls == kDigit;
      next = TokenFacts();
      // A domain followed by a path ("MoveOn.org/petition") is a URL.
      if (has_dot && e + 1 < text.size() && text[e] == '/' && ClassAt(text, e + 1) != kSpace &&
          ClassAt(text, e + 1) != kNewline) {
        e = ScanUrl(text, i);
        tokens.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(e), 0});
        facts.push_back(first);
        i = e;
        continue;
      }
      // A final period stays with an abbreviation (not when it starts an ellipsis).
      if (e < text.size() && text[e] == '.' &&
          !(ClassAt(text, e + 1) == kDot && ClassAt(text, e + 2) == kDot)) {
        uint8_t kind = AbbreviationKind(text, i, e + 1);
        if (kind != kWordToken) {
          first.kind = kind;
          tokens.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(e + 1), 0});
          facts.push_back(first);
          i = e + 1;
          // A possessive after the period: "the U.S.'s role".
          if (ClassAt(text, i) == kApostrophe) {
            size_t s_pos = i + At(text, i).len;
            if (s_pos < text.size() && (text[s_pos] == 's' || text[s_pos] == 'S') &&
                !IsWordClass(ClassAt(text, s_pos + 1))) {
              tokens.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(s_pos + 1), 0});
              facts.push_back(TokenFacts());
              i = s_pos + 1;
            }
          }
          continue;
        }
      }
      EmitWord(text, i, e, has_apostrophe, first, tokens, facts);
      i = e;
      continue;
    }
    // Punctuation and symbols.
    size_t e = i + c.len;
    uint8_t kind = kPunctToken;
    switch (c.cls) {
      case kDot:
      case kBang:
        // "...", "..", "?!", "!!!": one terminal run.
        while (e < text.size() && (text[e] == '.' || text[e] == '!' || text[e] == '?') &&
               (text[e] == text[i] || c.cls == kBang))
          ++e;
        kind = kTerminal;
        break;
      case kEllipsis:
        kind = kTerminal;
        break;
      case kHyphen:
        while (e < text.size() && text[e] == '-') ++e;  // "--"
        break;
      case kQuote:
      case kApostrophe:
        kind = kCloser;  // ambiguous: the sentence pass looks at the spacing
        break;
      case kCloseQuote:
      case kCloseBracket:
        kind = kCloser;
        break;
      case kOpenQuote:
      case kOpenBracket:
        kind = kOpener;
        break;
      default:
        // Rules and emphasis ("=====", "***", "$$$", "<<"): one token per run.
        if (c.len == 1 && std::strchr("=*_~+#<>$%^|\\/", text[i]) != nullptr)
          while (e < text.size() && text[e] == text[i]) ++e;
        break;
    }
    push(i, e, kind);
    i = e;
  }
}

void Segmenter::Impl::Sentences(std::string_view text, const std::vector<Token>& tokens,
                                const std::vector<TokenFacts>& facts,
                                std::vector<Sentence>& sentences) const {
  const size_t n = tokens.size();
  uint32_t paragraph = 0;
  size_t start = 0;
  auto close = [&](size_t end) {
    if (end <= start) return;
    Sentence sent;
    sent.token_begin = static_cast<uint32_t>(start);
    sent.token_end = static_cast<uint32_t>(end);
    sent.begin = tokens[start].begin;
    sent.end = tokens[end - 1].end;
    sent.paragraph = paragraph;
    sentences.push_back(sent);
    start = end;
  };
  for (size_t i = 0; i < n; ++i) {
    if (facts[i].line_before && i > 0) {
      close(i);
      ++paragraph;
    }
    // Text without sentence ends (a megabyte-long line of words, a table flattened to one
    // line) is cut into pieces of kMaxSentenceTokens: later stages do work per sentence that
    // grows faster than its length (issue 8).
    if (i - start >= kMaxSentenceTokens) close(i);
    uint8_t kind = facts[i].kind;
    if (kind != kTerminal && kind != kMayEnd && kind != kCapitalEnds) continue;
    // Closing quotes, brackets and more terminals written right after stay in this sentence.
    size_t j = i + 1;
    while (j < n && !facts[j].gap_before &&
           (facts[j].kind == kCloser || facts[j].kind == kTerminal))
      ++j;
    if (j >= n || facts[j].line_before) {
      i = j - 1;
      continue;  // the line break closes it
    }
    const TokenFacts& f = facts[j];
    bool brk = false;
    if (kind == kTerminal) {
      // "said.The" (no space) still breaks when a capital follows a period.
      bool spaced = f.gap_before || (j == i + 1 && f.upper_start && text[tokens[i].begin] == '.');
      char lead = text[tokens[j].begin];
      bool opens = f.upper_start || f.digit_start || f.kind == kOpener || lead == '$' ||
                   (f.kind == kCloser && f.gap_before && (lead == '"' || lead == '\''));
      brk = spaced && opens;
    } else if (kind == kCapitalEnds) {
      brk = f.gap_before && f.upper_start;
    } else {
      std::string_view word = text.substr(tokens[j].begin, tokens[j].end - tokens[j].begin);
      brk = f.gap_before && f.upper_start && lex.starters.find(word) != lex.starters.end();
    }
    if (brk) {
      close(j);
      i = j - 1;
    }
  }
  close(n);
}

Segmenter::Segmenter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Segmenter::~Segmenter() = default;

Result<std::unique_ptr<Segmenter>> Segmenter::Load(const std::string& abbreviations_path) {
  auto impl = std::make_unique<Impl>();
  Status st = ParseLexicon(abbreviations_path, impl->lex);
  if (!st.ok()) return st;
  return std::unique_ptr<Segmenter>(new Segmenter(std::move(impl)));
}

Status Segmenter::Process(Document& doc) const {
  if (doc.text.size() >= UINT32_MAX)
    return Status::InvalidInput("text of " + doc.article.source +
                                " is too long to segment (4 GiB or more)");
  doc.tokens.clear();
  doc.sentences.clear();
  doc.folded_ends.clear();
  doc.tokens.reserve(doc.text.size() / 5 + 16);
  std::vector<TokenFacts> facts;
  facts.reserve(doc.text.size() / 5 + 16);
  impl_->Tokenize(doc.text, doc.tokens, facts);
  impl_->Sentences(doc.text, doc.tokens, facts, doc.sentences);
  for (uint32_t s = 0; s < doc.sentences.size(); ++s) {
    Sentence& sent = doc.sentences[s];
    for (uint32_t t = sent.token_begin; t < sent.token_end; ++t) doc.tokens[t].sentence = s;
    if (s == 0 || doc.sentences[s - 1].paragraph != sent.paragraph)
      sent.dateline_tokens = DatelineTokens(doc, sent);
  }
  core::EnsureFolded(doc);
  return Status::Ok();
}

}  // namespace whipcount::segment
