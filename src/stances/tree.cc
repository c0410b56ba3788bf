#include "stances/tree.h"

namespace whipcount::stances {

SentenceTree::SentenceTree(const syntax::SyntaxModel& model, const Document& doc, uint32_t s)
    : model_(&model), begin_(doc.sentences[s].BodyBegin()), end_(doc.sentences[s].token_end) {
  words_.reserve(end_ - begin_);
  for (uint32_t i = begin_; i < end_; ++i) words_.push_back(doc.TokenText(i));
  if (!words_.empty()) model.tagger().Tag(words_, &upos_, &xpos_);
}

void SentenceTree::EnsureParsed() const {
  if (parsed_) return;
  parsed_ = true;
  if (words_.empty()) return;
  // The words point into the document's text, which the stance stage keeps alive and unchanged
  // while it asks this tree questions.
  model_->ParseTagged(words_, upos_, xpos_, &heads_, &labels_);
  children_.resize(words_.size());
  for (uint32_t i = 0; i < words_.size(); ++i) {
    int h = heads_[i];
    if (h > 0 && static_cast<size_t>(h) <= words_.size()) children_[h - 1].push_back(begin_ + i);
  }
}

int SentenceTree::Head(uint32_t tok) const {
  if (!Contains(tok)) return kNone;
  EnsureParsed();
  int h = heads_[tok - begin_];
  return h > 0 ? static_cast<int>(begin_) + h - 1 : kNone;
}

const std::string& SentenceTree::Rel(uint32_t tok) const {
  static const std::string kEmpty;
  if (!Contains(tok)) return kEmpty;
  EnsureParsed();
  return model_->parser().labels()[labels_[tok - begin_]];
}

bool SentenceTree::RelIs(uint32_t tok, std::string_view rel) const {
  std::string_view r = Rel(tok);
  return r.substr(0, rel.size()) == rel && (r.size() == rel.size() || r[rel.size()] == ':');
}

const std::string& SentenceTree::Upos(uint32_t tok) const {
  static const std::string kEmpty;
  return Contains(tok) ? model_->tagger().tags(syntax::kUpos)[upos_[tok - begin_]] : kEmpty;
}

const std::string& SentenceTree::Xpos(uint32_t tok) const {
  static const std::string kEmpty;
  return Contains(tok) ? model_->tagger().tags(syntax::kXpos)[xpos_[tok - begin_]] : kEmpty;
}

const std::vector<uint32_t>& SentenceTree::Children(uint32_t tok) const {
  static const std::vector<uint32_t> kEmpty;
  if (!Contains(tok)) return kEmpty;
  EnsureParsed();
  return children_[tok - begin_];
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
