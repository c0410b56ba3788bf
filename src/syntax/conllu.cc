#include "syntax/conllu.h"

#include <charconv>
#include <fstream>
#include <string_view>

namespace whipcount::syntax {

namespace {

bool ParseInt(std::string_view s, int* v) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && ptr == s.data() + s.size();
}

std::string Field(const std::string& s) { return s.empty() ? "_" : s; }

// Checks heads once the whole sentence is read (a head may point forward).
Status CheckHeads(const std::string& path, int first_line, const ConlluSentence& sent) {
  const int n = static_cast<int>(sent.words.size());
  for (int i = 0; i < n; ++i) {
    const int head = sent.words[i].head;
    if (head < 0 || head > n || head == i + 1) {
      return Status::InvalidInput(path + ":" + std::to_string(first_line + i) + ": head " +
                                  std::to_string(head) + " of word " + std::to_string(i + 1) +
                                  " is out of range for a sentence of " + std::to_string(n) +
                                  " words");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<ConlluSentence>> ReadConllu(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open CoNLL-U file");
  std::vector<ConlluSentence> sentences;
  ConlluSentence sent;
  int first_word_line = 0;
  int line_no = 0;
  std::string line;
  auto finish = [&]() -> Status {
    if (sent.words.empty()) {
      sent.comments.clear();
      return Status::Ok();
    }
    if (Status st = CheckHeads(path, first_word_line, sent); !st.ok()) return st;
    sentences.push_back(std::move(sent));
    sent = ConlluSentence();
    return Status::Ok();
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (Status st = finish(); !st.ok()) return st;
      continue;
    }
    if (line[0] == '#') {
      sent.comments.push_back(line);
      continue;
    }
    std::string_view fields[10];
    size_t count = 0, start = 0;
    while (count < 10) {
      size_t tab = line.find('\t', start);
      if (tab == std::string::npos) {
        fields[count++] = std::string_view(line).substr(start);
        break;
      }
      fields[count++] = std::string_view(line).substr(start, tab - start);
      start = tab + 1;
    }
    if (count != 10 || line.find('\t', start) != std::string::npos) {
      return Status::InvalidInput(path + ":" + std::to_string(line_no) +
                                  ": a word line needs 10 tab-separated fields");
    }
    // Multiword tokens and empty nodes are not syntactic words of the basic tree.
    if (fields[0].find_first_of("-.") != std::string_view::npos) continue;
    int id, head;
    if (!ParseInt(fields[0], &id) || id != static_cast<int>(sent.words.size()) + 1) {
      return Status::InvalidInput(path + ":" + std::to_string(line_no) + ": word id '" +
                                  std::string(fields[0]) + "' is out of sequence (expected " +
                                  std::to_string(sent.words.size() + 1) + ")");
    }
    if (fields[6] == "_") {
      head = 0;  // unannotated text: no tree
    } else if (!ParseInt(fields[6], &head)) {
      return Status::InvalidInput(path + ":" + std::to_string(line_no) + ": head '" +
                                  std::string(fields[6]) + "' is not a number");
    }
    if (sent.words.empty()) first_word_line = line_no;
    ConlluWord word;
    word.form = fields[1];
    word.lemma = fields[2];
    word.upos = fields[3];
    word.xpos = fields[4];
    word.feats = fields[5];
    word.head = head;
    word.deprel = fields[7];
    sent.words.push_back(std::move(word));
  }
  if (in.bad())
    return Status::IOError(path + ": read failed after line " + std::to_string(line_no));
  if (Status st = finish(); !st.ok()) return st;
  return sentences;
}

void WriteConllu(const std::vector<ConlluSentence>& sentences, std::ostream& out) {
  for (const auto& sent : sentences) {
    for (const auto& c : sent.comments) out << c << '\n';
    for (size_t i = 0; i < sent.words.size(); ++i) {
      const ConlluWord& w = sent.words[i];
      out << (i + 1) << '\t' << Field(w.form) << '\t' << Field(w.lemma) << '\t' << Field(w.upos)
          << '\t' << Field(w.xpos) << '\t' << Field(w.feats) << '\t' << w.head << '\t'
          << Field(w.deprel) << "\t_\t_\n";
    }
    out << '\n';
  }
}

}  // namespace whipcount::syntax
