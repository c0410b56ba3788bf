#include "stances/tree.h"

namespace whipcount::stances {

SentenceTree::SentenceTree(const syntax::SyntaxModel& model, const Document& doc, uint32_t s)
    : begin_(doc.sentences[s].BodyBegin()), end_(doc.sentences[s].token_end) {
  std::vector<std::string_view> words;
  words.reserve(end_ - begin_);
  for (uint32_t i = begin_; i < end_; ++i) words.push_back(doc.TokenText(i));
  model.Parse(words, &words_);
  children_.resize(words_.size());
  for (uint32_t i = 0; i < words_.size(); ++i) {
    int h = words_[i].head;
    if (h > 0 && static_cast<size_t>(h) <= words_.size()) children_[h - 1].push_back(begin_ + i);
  }
}

int SentenceTree::Head(uint32_t tok) const {
  if (!Contains(tok)) return kNone;
  int h = words_[tok - begin_].head;
  return h > 0 ? static_cast<int>(begin_) + h - 1 : kNone;
}

const std::string& SentenceTree::Rel(uint32_t tok) const {
  static const std::string kEmpty;
  return Contains(tok) ? words_[tok - begin_].deprel : kEmpty;
}

bool SentenceTree::RelIs(uint32_t tok, std::string_view rel) const {
  std::string_view r = Rel(tok);
  return r.substr(0, rel.size()) == rel && (r.size() == rel.size() || r[rel.size()] == ':');
}

const std::string& SentenceTree::Upos(uint32_t tok) const {
  static const std::string kEmpty;
  return Contains(tok) ? words_[tok - begin_].upos : kEmpty;
}

const std::vector<uint32_t>& SentenceTree::Children(uint32_t tok) const {
  static const std::vector<uint32_t> kEmpty;
  return Contains(tok) ? children_[tok - begin_] : kEmpty;
}

int SentenceTree::Child(uint32_t tok, std::string_view rel) const {
  for (uint32_t c : Children(tok))
    if (Rel(c) == rel) return static_cast<int>(c);
  return kNone;
}

bool SentenceTree::Dominates(uint32_t anc, uint32_t tok) const {
  // A parse is a tree, so the walk ends within the sentence's length.
  for (int t = static_cast<int>(tok), steps = 0;
       t != kNone && steps <= static_cast<int>(end_ - begin_);
       t = Head(static_cast<uint32_t>(t)), ++steps)
    if (static_cast<uint32_t>(t) == anc) return true;
  return false;
}

int SentenceTree::SpanHead(uint32_t begin, uint32_t end) const {
  for (uint32_t t = begin; t < end; ++t) {
    if (!Contains(t)) return kNone;
    int h = Head(t);
    if (h == kNone || static_cast<uint32_t>(h) < begin || static_cast<uint32_t>(h) >= end)
      return static_cast<int>(t);
  }
  return kNone;
}

}  // namespace whipcount::stances
