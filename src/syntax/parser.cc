#include "syntax/parser.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "syntax/model_file.h"

namespace whipcount::syntax {

namespace {

constexpr char kMagic[] = "WCPARSER";
constexpr int kMaxRowBits = 24;
constexpr size_t kMaxTags = 1000;
constexpr size_t kMaxLabels = 64;  // label sets are 64-bit masks
constexpr int kLatestFeatureSet = 2;

enum Action : int { kShift = 0, kRight = 1, kLeft = 2, kReduce = 3, kNumActions = 4 };

// Feature values of the positions outside the sentence; tag and label ids are far below these.
constexpr uint64_t kNoneTag = 1u << 20;
constexpr uint64_t kRootTag = (1u << 20) + 1;
constexpr uint64_t kNoLabel = 1u << 21;
constexpr uint64_t kRootDistance = 100;
constexpr uint64_t kNoCluster = 1u << 19;
constexpr uint64_t kRootCluster = (1u << 19) + 1;
constexpr uint64_t kNoneCluster = (1u << 19) + 2;

// The sentence as the features see it. Index 0 stands for "no such token", 1..n are the words and
// n+1 is the root.
struct Sentence {
  int n = 0;
  std::vector<uint64_t> word;    // hash of the lowercased word, digits folded to 0
  std::vector<uint64_t> suffix;  // hash of its last three bytes, for words seen rarely
  std::vector<uint64_t> xpos;
  std::vector<uint64_t> upos;
  std::vector<uint64_t> cluster;  // word cluster ids, when the parser has clusters
  bool has_clusters = false;
  int feature_set = 2;  // Parser::feature_set_
};

void HashNormalized(std::string_view w, uint64_t* word, uint64_t* suffix) {
  std::string s(w);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c >= '1' && c <= '9') c = '0';
  }
  *word = HashBytes(s);
  *suffix = HashBytes(std::string_view(s).substr(s.size() > 3 ? s.size() - 3 : 0));
}

void PrepareSentence(const ParserInput& input, const WordClusters& clusters, Sentence* x) {
  static const uint64_t kNoneWord = HashBytes("<none>");
  static const uint64_t kRootWord = HashBytes("<root>");
  const int n = static_cast<int>(input.words->size());
  x->n = n;
  x->word.assign(n + 2, kNoneWord);
  x->suffix.assign(n + 2, kNoneWord);
  x->xpos.assign(n + 2, kNoneTag);
  x->upos.assign(n + 2, kNoneTag);
  x->has_clusters = !clusters.empty();
  if (x->has_clusters) {
    x->cluster.assign(n + 2, kNoneCluster);
    x->cluster[n + 1] = kRootCluster;
    for (int i = 0; i < n; ++i) {
      const int c = clusters.Lookup((*input.words)[i]);
      x->cluster[i + 1] = c >= 0 ? static_cast<uint64_t>(c) : kNoCluster;
    }
  }
  for (int i = 0; i < n; ++i) {
    HashNormalized((*input.words)[i], &x->word[i + 1], &x->suffix[i + 1]);
    x->xpos[i + 1] = static_cast<uint64_t>((*input.xpos)[i]);
    x->upos[i + 1] = static_cast<uint64_t>((*input.upos)[i]);
  }
  x->word[n + 1] = kRootWord;
  x->xpos[n + 1] = kRootTag;
  x->upos[n + 1] = kRootTag;
}

uint64_t LabelBit(int label) { return label < 63 ? uint64_t{1} << label : uint64_t{1} << 63; }

uint64_t Bucket(int d) {
  if (d <= 4) return static_cast<uint64_t>(d);
  if (d <= 6) return 5;
  if (d <= 9) return 6;
  return 7;
}

// An arc-eager configuration with the bookkeeping the features read.
struct State {
  int n = 0;
  int b = 1;  // front of the buffer; n+1 is the root, which never leaves the buffer
  std::vector<int> stack;
  std::vector<int> head, label;
  std::vector<int> lc1, lc2, rc1, rc2;  // two leftmost / rightmost children, 0 = none
  std::vector<int> nl, nr;              // child counts on each side
  std::vector<uint64_t> lset, rset;     // labels of the children on each side
  std::vector<char> in_stack;

  void Init(int words) {
    n = words;
    b = 1;
    stack.clear();
    const size_t size = static_cast<size_t>(n) + 2;
    head.assign(size, 0);
    label.assign(size, -1);
    lc1.assign(size, 0);
    lc2.assign(size, 0);
    rc1.assign(size, 0);
    rc2.assign(size, 0);
    nl.assign(size, 0);
    nr.assign(size, 0);
    lset.assign(size, 0);
    rset.assign(size, 0);
    in_stack.assign(size, 0);
  }
  bool Terminal() const { return stack.empty() && b == n + 1; }
  int S0() const { return stack.empty() ? 0 : stack.back(); }

  bool Valid(int action) const {
    switch (action) {
      case kShift:
        return b <= n;
      case kRight:
        return !stack.empty() && b <= n;
      case kLeft:
        return !stack.empty() && head[stack.back()] == 0;
      case kReduce:
        return !stack.empty() && head[stack.back()] != 0;
    }
    return false;
  }

  // The arc an arc action would add, as (head, dependent).
  void ArcOf(int action, int* h, int* d) const {
    if (action == kRight) {
      *h = S0();
      *d = b;
    } else {
      *h = b;
      *d = S0();
    }
  }

  void AddArc(int h, int d, int l) {
    head[d] = h;
    label[d] = l;
    if (d < h) {
      ++nl[h];
      lset[h] |= LabelBit(l);
      if (lc1[h] == 0 || d < lc1[h]) {
        lc2[h] = lc1[h];
        lc1[h] = d;
      } else if (lc2[h] == 0 || d < lc2[h]) {
        lc2[h] = d;
      }
    } else {
      ++nr[h];
      rset[h] |= LabelBit(l);
      if (rc1[h] == 0 || d > rc1[h]) {
        rc2[h] = rc1[h];
        rc1[h] = d;
      } else if (rc2[h] == 0 || d > rc2[h]) {
        rc2[h] = d;
      }
    }
  }

  void Push(int i) {
    stack.push_back(i);
    in_stack[i] = 1;
  }
  void Pop() {
    in_stack[stack.back()] = 0;
    stack.pop_back();
  }

  // REQUIRES: Valid(action); `l` is the label of the arc for kLeft and kRight.
  void Apply(int action, int l) {
    switch (action) {
      case kShift:
        Push(b++);
        break;
      case kRight:
        AddArc(S0(), b, l);
        Push(b++);
        break;
      case kLeft:
        AddArc(b, S0(), l);
        Pop();
        break;
      case kReduce:
        Pop();
        break;
    }
  }
};

constexpr int kMaxTransitionFeatures = 104;
constexpr int kMaxLabelFeatures = 40;

// Templates after Zhang and Nivre (2011), "Transition-based dependency parsing with rich non-local
// features", plus the second stack word, the coarse tags, and the word clusters of the words
// around s0 and n0 when the parser has clusters.
int TransitionFeatures(const Sentence& x, const State& st, uint64_t* keys) {
  const int n = x.n;
  const int s0 = st.S0();
  const int s1 = st.stack.size() >= 2 ? st.stack[st.stack.size() - 2] : 0;
  const int n0 = st.b;
  const int n1 = n0 + 1 <= n + 1 ? n0 + 1 : 0;
  const int n2 = n0 + 2 <= n + 1 ? n0 + 2 : 0;
  const int s0h = s0 ? st.head[s0] : 0;
  const int s0h2 = s0h ? st.head[s0h] : 0;
  const int s0l = st.lc1[s0], s0l2 = st.lc2[s0];
  const int s0r = st.rc1[s0], s0r2 = st.rc2[s0];
  const int n0l = st.lc1[n0], n0l2 = st.lc2[n0];
  auto lab = [&](int i) -> uint64_t {
    return i > 0 && st.label[i] >= 0 ? static_cast<uint64_t>(st.label[i]) : kNoLabel;
  };
  const uint64_t sw = x.word[s0], sp = x.xpos[s0];
  const uint64_t nw = x.word[n0], np = x.xpos[n0];
  const uint64_t n1w = x.word[n1], n1p = x.xpos[n1];
  const uint64_t n2w = x.word[n2], n2p = x.xpos[n2];
  uint64_t dist = 0;
  if (s0 != 0) dist = n0 == n + 1 ? kRootDistance : Bucket(n0 - s0);
  const uint64_t s0vl = static_cast<uint64_t>(st.nl[s0]), s0vr = static_cast<uint64_t>(st.nr[s0]);
  const uint64_t n0vl = static_cast<uint64_t>(st.nl[n0]);

  int k = 0;
  keys[k++] = FeatureKey(0, 0);
  // Single words.
  keys[k++] = FeatureKey(1, sw, sp);
  keys[k++] = FeatureKey(2, sw);
  keys[k++] = FeatureKey(3, sp);
  keys[k++] = FeatureKey(4, nw, np);
  keys[k++] = FeatureKey(5, nw);
  keys[k++] = FeatureKey(6, np);
  keys[k++] = FeatureKey(7, n1w, n1p);
  keys[k++] = FeatureKey(8, n1w);
  keys[k++] = FeatureKey(9, n1p);
  keys[k++] = FeatureKey(10, n2w, n2p);
  keys[k++] = FeatureKey(11, n2w);
  keys[k++] = FeatureKey(12, n2p);
  // Pairs.
  keys[k++] = FeatureKey(13, sw, sp, nw, np);
  keys[k++] = FeatureKey(14, sw, sp, nw);
  keys[k++] = FeatureKey(15, sw, nw, np);
  keys[k++] = FeatureKey(16, sw, sp, np);
  keys[k++] = FeatureKey(17, sp, nw, np);
  keys[k++] = FeatureKey(18, sw, nw);
  keys[k++] = FeatureKey(19, sp, np);
  keys[k++] = FeatureKey(20, np, n1p);
  // Three tags.
  keys[k++] = FeatureKey(21, np, n1p, n2p);
  keys[k++] = FeatureKey(22, sp, np, n1p);
  keys[k++] = FeatureKey(23, x.xpos[s0h], sp, np);
  keys[k++] = FeatureKey(24, sp, x.xpos[s0l], np);
  keys[k++] = FeatureKey(25, sp, x.xpos[s0r], np);
  keys[k++] = FeatureKey(26, sp, np, x.xpos[n0l]);
  // Distance.
  keys[k++] = FeatureKey(27, sw, dist);
  keys[k++] = FeatureKey(28, sp, dist);
  keys[k++] = FeatureKey(29, nw, dist);
  keys[k++] = FeatureKey(30, np, dist);
  keys[k++] = FeatureKey(31, sw, nw, dist);
  keys[k++] = FeatureKey(32, sp, np, dist);
  // Valency.
  keys[k++] = FeatureKey(33, sw, s0vr);
  keys[k++] = FeatureKey(34, sp, s0vr);
  keys[k++] = FeatureKey(35, sw, s0vl);
  keys[k++] = FeatureKey(36, sp, s0vl);
  keys[k++] = FeatureKey(37, nw, n0vl);
  keys[k++] = FeatureKey(38, np, n0vl);
  // Heads and children.
  keys[k++] = FeatureKey(39, x.word[s0h]);
  keys[k++] = FeatureKey(40, x.xpos[s0h]);
  keys[k++] = FeatureKey(41, lab(s0));
  keys[k++] = FeatureKey(42, x.word[s0l]);
  keys[k++] = FeatureKey(43, x.xpos[s0l]);
  keys[k++] = FeatureKey(44, lab(s0l));
  keys[k++] = FeatureKey(45, x.word[s0r]);
  keys[k++] = FeatureKey(46, x.xpos[s0r]);
  keys[k++] = FeatureKey(47, lab(s0r));
  keys[k++] = FeatureKey(48, x.word[n0l]);
  keys[k++] = FeatureKey(49, x.xpos[n0l]);
  keys[k++] = FeatureKey(50, lab(n0l));
  // Third order.
  keys[k++] = FeatureKey(51, x.word[s0h2]);
  keys[k++] = FeatureKey(52, x.xpos[s0h2]);
  keys[k++] = FeatureKey(53, lab(s0h));
  keys[k++] = FeatureKey(54, x.word[s0l2]);
  keys[k++] = FeatureKey(55, x.xpos[s0l2]);
  keys[k++] = FeatureKey(56, lab(s0l2));
  keys[k++] = FeatureKey(57, x.word[s0r2]);
  keys[k++] = FeatureKey(58, x.xpos[s0r2]);
  keys[k++] = FeatureKey(59, lab(s0r2));
  keys[k++] = FeatureKey(60, x.word[n0l2]);
  keys[k++] = FeatureKey(61, x.xpos[n0l2]);
  keys[k++] = FeatureKey(62, lab(n0l2));
  keys[k++] = FeatureKey(63, sp, x.xpos[s0l], x.xpos[s0l2]);
  keys[k++] = FeatureKey(64, sp, x.xpos[s0r], x.xpos[s0r2]);
  keys[k++] = FeatureKey(65, sp, x.xpos[s0h], x.xpos[s0h2]);
  keys[k++] = FeatureKey(66, np, x.xpos[n0l], x.xpos[n0l2]);
  // Label sets.
  keys[k++] = FeatureKey(67, sw, st.rset[s0]);
  keys[k++] = FeatureKey(68, sp, st.rset[s0]);
  keys[k++] = FeatureKey(69, sw, st.lset[s0]);
  keys[k++] = FeatureKey(70, sp, st.lset[s0]);
  keys[k++] = FeatureKey(71, nw, st.lset[n0]);
  keys[k++] = FeatureKey(72, np, st.lset[n0]);
  // The second stack word, the arc already given to s0, and coarse tags.
  keys[k++] = FeatureKey(73, x.word[s1], x.xpos[s1]);
  keys[k++] = FeatureKey(74, x.xpos[s1], sp, np);
  keys[k++] = FeatureKey(75, x.xpos[s1], lab(s1), sp);
  keys[k++] = FeatureKey(76, sp, lab(s0), np);
  keys[k++] = FeatureKey(77, x.upos[s0], x.upos[n0], x.upos[n1]);
  keys[k++] = FeatureKey(78, sw, lab(s0), np);
  keys[k++] = FeatureKey(79, x.upos[s1], x.upos[s0], x.upos[n0], dist);
  keys[k++] = FeatureKey(80, sp, lab(s0), nw);
  if (x.has_clusters) {
    const uint64_t sc = x.cluster[s0], nc = x.cluster[n0], n1c = x.cluster[n1];
    keys[k++] = FeatureKey(81, sc);
    keys[k++] = FeatureKey(82, nc);
    keys[k++] = FeatureKey(83, n1c);
    keys[k++] = FeatureKey(84, sc, np);
    keys[k++] = FeatureKey(85, sp, nc);
    keys[k++] = FeatureKey(86, sc, nc);
    keys[k++] = FeatureKey(87, nc, n1p);
    keys[k++] = FeatureKey(88, x.cluster[s1], sp);
    keys[k++] = FeatureKey(89, x.cluster[s0h], sc);
    keys[k++] = FeatureKey(90, sc, lab(s0));
    keys[k++] = FeatureKey(91, x.cluster[n2], n1p);
    keys[k++] = FeatureKey(92, sc, x.xpos[s0l], np);
    keys[k++] = FeatureKey(93, x.cluster[s0r], sp);
    keys[k++] = FeatureKey(94, x.cluster[n0l], nc);
  }
  if (x.feature_set < 2) return k;
  // The words next to s0 and n0 in the sentence, whatever the parse so far.
  const int s0_prev = s0 > 1 ? s0 - 1 : 0;
  const int s0_next = s0 != 0 && s0 + 1 < n0 ? s0 + 1 : 0;
  const int n0_prev = n0 - 1 > s0 ? n0 - 1 : 0;
  keys[k++] = FeatureKey(95, sp, x.xpos[s0_prev], np);
  keys[k++] = FeatureKey(96, sp, x.xpos[s0_next], np);
  keys[k++] = FeatureKey(97, sp, x.xpos[n0_prev], np);
  keys[k++] = FeatureKey(98, sw, x.xpos[s0_prev], np);
  keys[k++] = FeatureKey(99, sp, x.word[n0_prev], nw);
  return k;
}

// Features of the arc h -> d about to be made.
int LabelFeatures(const Sentence& x, const State& st, int h, int d, uint64_t* keys) {
  const int n = x.n;
  const uint64_t dir = d < h ? 1 : 2;
  const uint64_t dist = h == n + 1 ? kRootDistance : Bucket(std::abs(h - d));
  const uint64_t hw = x.word[h], hp = x.xpos[h], dw = x.word[d], dp = x.xpos[d];
  const int hh = h <= n ? st.head[h] : 0;
  const int dl = st.lc1[d], dr = st.rc1[d];
  auto lab = [&](int i) -> uint64_t {
    return i > 0 && st.label[i] >= 0 ? static_cast<uint64_t>(st.label[i]) : kNoLabel;
  };
  const uint64_t h_same_side = dir == 1 ? st.lset[h] : st.rset[h];
  const uint64_t dprev = x.xpos[d - 1 >= 0 ? d - 1 : 0];
  const uint64_t dnext = x.xpos[d + 1 <= n + 1 ? d + 1 : 0];
  const uint64_t hprev = x.xpos[h - 1];
  const uint64_t hnext = x.xpos[h + 1 <= n + 1 ? h + 1 : 0];
  int k = 0;
  keys[k++] = FeatureKey(0, dir, dp);
  keys[k++] = FeatureKey(1, dir, dw);
  keys[k++] = FeatureKey(2, dir, dw, dp);
  keys[k++] = FeatureKey(3, dir, hw);
  keys[k++] = FeatureKey(4, dir, hp);
  keys[k++] = FeatureKey(5, dir, hw, hp);
  keys[k++] = FeatureKey(6, dir, dp, hp);
  keys[k++] = FeatureKey(7, dir, dw, hp);
  keys[k++] = FeatureKey(8, dir, dp, hw);
  keys[k++] = FeatureKey(9, dir, dw, hw);
  keys[k++] = FeatureKey(10, dir, dp, hp, dist);
  keys[k++] = FeatureKey(11, dp, st.lset[d]);
  keys[k++] = FeatureKey(12, dp, st.rset[d]);
  keys[k++] = FeatureKey(13, dir, hp, st.lset[h]);
  keys[k++] = FeatureKey(14, dir, hp, st.rset[h]);
  keys[k++] = FeatureKey(15, dir, dp, hp, h_same_side);
  keys[k++] = FeatureKey(16, dp, x.word[dl]);
  keys[k++] = FeatureKey(17, dp, x.xpos[dl]);
  keys[k++] = FeatureKey(18, hp, dp, x.word[dl]);
  keys[k++] = FeatureKey(19, dp, lab(dr), x.xpos[dr]);
  keys[k++] = FeatureKey(20, dir, hp, x.xpos[hh], dp);
  keys[k++] = FeatureKey(21, dp, dprev, dnext);
  keys[k++] = FeatureKey(22, hp, hprev, hnext, dp);
  keys[k++] = FeatureKey(23, dir, dp, hp, static_cast<uint64_t>(st.nl[h] * 8 + st.nr[h]));
  keys[k++] = FeatureKey(24, dir, x.upos[d], x.upos[h]);
  keys[k++] = FeatureKey(25, dp, lab(dl));
  keys[k++] = FeatureKey(26, lab(h), hp, dp);
  keys[k++] = FeatureKey(27, dp, hw, x.word[dl]);
  keys[k++] = FeatureKey(28, dir, dw, hp, x.word[dl]);
  keys[k++] = FeatureKey(29, dir, dp, hp, x.xpos[st.lc2[d]]);
  keys[k++] = FeatureKey(30, dir, dw, x.xpos[hh], hp);
  keys[k++] = FeatureKey(31, dir, dp, x.word[dl], x.word[st.lc2[d]]);
  keys[k++] = FeatureKey(32, dir, x.suffix[d], dp, hp);
  keys[k++] = FeatureKey(33, dir, x.suffix[h], hp, dp);
  keys[k++] = FeatureKey(34, dir, dw, lab(hh == 0 ? 0 : h), hp);
  if (x.has_clusters) {
    keys[k++] = FeatureKey(35, dir, x.cluster[d], hp);
    keys[k++] = FeatureKey(36, dir, dp, x.cluster[h]);
    keys[k++] = FeatureKey(37, dir, x.cluster[d], x.cluster[h]);
  }
  return k;
}

int ArgmaxValid(const State& st, const float* scores) {
  int best = -1;
  for (int a = 0; a < kNumActions; ++a) {
    if (!st.Valid(a)) continue;
    if (best < 0 || scores[a] > scores[best]) best = a;
  }
  return best;
}

// The best label for an arc from h, never "root" below a word and always "root" below the root.
template <typename Table>
int BestLabel(const Table& table, const uint64_t* keys, int num_keys, bool from_root,
              int root_label, std::vector<float>* scores) {
  if (from_root && root_label >= 0) return root_label;
  std::fill(scores->begin(), scores->end(), 0.0f);
  table.Score(keys, num_keys, scores->data());
  int best = -1;
  for (int l = 0; l < static_cast<int>(scores->size()); ++l) {
    if (l == root_label) continue;
    if (best < 0 || (*scores)[l] > (*scores)[best]) best = l;
  }
  return best;
}

// Turns the state's heads into the output: the root (n+1) becomes 0, and when several words
// attached to the root, the first one labelled root keeps it and the others hang from it.
void Finish(const State& st, int root_label, int fallback_label, std::vector<int>* heads,
            std::vector<int>* labels) {
  const int n = st.n;
  heads->assign(n, 0);
  labels->assign(n, 0);
  int root = 0;
  for (int i = 1; i <= n; ++i) {
    if (st.head[i] == n + 1 && root == 0) root = i;
  }
  for (int i = 1; i <= n; ++i) {
    int h = st.head[i];
    int l = st.label[i];
    if (h == n + 1 || h == 0) {
      if (i == root) {
        h = 0;
        l = root_label;
      } else {
        h = root;
        l = fallback_label;
      }
    }
    (*heads)[i - 1] = h;
    (*labels)[i - 1] = l < 0 ? 0 : l;
  }
}

// The dynamic-oracle cost of `action` in `st` (Goldberg and Nivre 2012): how many arcs of the
// gold tree (`gold` heads on the parser's numbering, `gold_children` their inverse) it makes
// unreachable. REQUIRES: st.Valid(action).
int ActionCost(const State& st, int action, const std::vector<int>& gold,
               const std::vector<std::vector<int>>& gold_children) {
  const int n = st.n;
  const int s = st.S0();
  const int b = st.b;
  auto dependents_in_buffer = [&](int h) {
    int count = 0;
    for (int k : gold_children[h]) count += (k >= b && k <= n);
    return count;
  };
  int c = 0;
  switch (action) {
    case kShift:
      for (int k : st.stack) c += (gold[b] == k) + (st.head[k] == 0 && gold[k] == b);
      break;
    case kRight:
      c = gold[b] != s && (st.in_stack[gold[b]] || gold[b] > b);
      for (int k : st.stack) c += (st.head[k] == 0 && gold[k] == b);
      break;
    case kLeft:
      c = (gold[s] != b && gold[s] > b) + dependents_in_buffer(s);
      break;
    case kReduce:
      c = dependents_in_buffer(s);
      break;
  }
  return c;
}

// One partial parse on the beam.
struct BeamItem {
  State st;
  float score = 0;
  int node = -1;     // its last transition in BeamWorkspace::history, -1 before the first
  bool gold = true;  // every transition so far is the gold sequence's (training only)
};

struct BeamCandidate {
  float score;
  int item;
  int action;
  int label;  // with labels in the beam: the arc's label; otherwise -1, chosen once kept
};

// A transition taken by some beam item: the item before it is `parent` (-1: the initial state).
struct HistoryNode {
  int parent;
  int action;
  int label;
};

// The best one or two labels of an arc and their scores.
struct LabelChoice {
  uint64_t hash = 0;
  int label[2] = {-1, -1};
  float score[2] = {0, 0};
};

// Buffers kept across sentences so that a beam allocates nothing once warm.
struct BeamWorkspace {
  std::vector<BeamItem> beam, next;
  int beam_size = 0;
  std::vector<BeamCandidate> candidates;
  std::vector<int> children;
  std::vector<HistoryNode> history;
  std::vector<float> label_scores;
  // Labels already scored in this sentence, by a hash of the label features: beam items often
  // make the same arc in the same surroundings. Direct-mapped.
  static constexpr int kLabelCacheBits = 8;
  std::vector<LabelChoice> label_cache;
};

// The best `branch` (1 or 2) labels for the arc h -> d in st, through the workspace's cache.
// Root arcs get "root" with score 0.
template <typename Labeller>
const LabelChoice& ChooseLabels(const Sentence& x, const State& st, int h, int d,
                                const Labeller& labeller, int root_label, int branch,
                                BeamWorkspace* ws) {
  static thread_local LabelChoice root_choice;
  if (h == x.n + 1 && root_label >= 0) {
    root_choice.label[0] = root_label;
    root_choice.label[1] = -1;
    root_choice.score[0] = 0;
    return root_choice;
  }
  uint64_t keys[kMaxLabelFeatures];
  const int num_keys = LabelFeatures(x, st, h, d, keys);
  uint64_t hash = static_cast<uint64_t>(h) * 0x9e3779b97f4a7c15ULL + static_cast<uint64_t>(d);
  for (int k = 0; k < num_keys; ++k) hash = Mix64(hash ^ keys[k]);
  LabelChoice& slot = ws->label_cache[hash >> (64 - BeamWorkspace::kLabelCacheBits)];
  if (slot.label[0] >= 0 && slot.hash == hash) return slot;
  std::vector<float>& scores = ws->label_scores;
  std::fill(scores.begin(), scores.end(), 0.0f);
  labeller.Score(keys, num_keys, scores.data());
  slot.hash = hash;
  slot.label[0] = slot.label[1] = -1;
  for (int l = 0; l < static_cast<int>(scores.size()); ++l) {
    if (l == root_label && h != x.n + 1) continue;
    if (slot.label[0] < 0 || scores[l] > scores[slot.label[0]]) {
      slot.label[1] = slot.label[0];
      slot.label[0] = l;
    } else if (branch > 1 && (slot.label[1] < 0 || scores[l] > scores[slot.label[1]])) {
      slot.label[1] = l;
    }
  }
  if (branch < 2) slot.label[1] = -1;
  slot.score[0] = scores[slot.label[0]];
  slot.score[1] = slot.label[1] >= 0 ? scores[slot.label[1]] : 0;
  return slot;
}

// Beam search over the 2n transitions of x. With `label_branch` 0, each kept arc takes the
// labeller's best label and label scores stay out of the ranking (a locally trained labeller);
// with 1 or 2, the best one or two labels of every arc compete in the beam, their scores added
// (a globally trained labeller). After each step, on_step(t, beam, beam_size) sees the items,
// best first. With `gold_actions` and `gold_labels`, items remember whether they are still on
// that sequence. On return ws->beam[0] is the best complete parse.
template <typename Transitions, typename Labeller, typename OnStep>
void BeamSearch(const Sentence& x, const Transitions& transitions, const Labeller& labeller,
                int width, float margin, int label_branch, int root_label, int num_labels,
                const int* gold_actions, const int* gold_labels, BeamWorkspace* ws,
                OnStep on_step) {
  const int n = x.n;
  if (static_cast<int>(ws->beam.size()) < width) {
    ws->beam.resize(width);
    ws->next.resize(width);
  }
  ws->label_scores.resize(num_labels);
  ws->label_cache.assign(size_t{1} << BeamWorkspace::kLabelCacheBits, LabelChoice());
  ws->history.clear();
  ws->beam_size = 1;
  ws->beam[0].st.Init(n);
  ws->beam[0].score = 0;
  ws->beam[0].node = -1;
  ws->beam[0].gold = gold_actions != nullptr;
  uint64_t keys[kMaxTransitionFeatures];
  auto better = [](const BeamCandidate& a, const BeamCandidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.item != b.item) return a.item < b.item;
    if (a.action != b.action) return a.action < b.action;
    return a.label < b.label;
  };
  for (int t = 0; t < 2 * n; ++t) {
    ws->candidates.clear();
    for (int i = 0; i < ws->beam_size; ++i) {
      const BeamItem& item = ws->beam[i];
      float scores[kNumActions] = {0, 0, 0, 0};
      const int num_keys = TransitionFeatures(x, item.st, keys);
      transitions.Score(keys, num_keys, scores);
      for (int a = 0; a < kNumActions; ++a) {
        if (!item.st.Valid(a)) continue;
        const float score = item.score + scores[a];
        if (label_branch == 0 || (a != kLeft && a != kRight)) {
          ws->candidates.push_back({score, i, a, -1});
          continue;
        }
        int h, d;
        item.st.ArcOf(a, &h, &d);
        const LabelChoice& choice =
            ChooseLabels(x, item.st, h, d, labeller, root_label, label_branch, ws);
        for (int k = 0; k < 2 && choice.label[k] >= 0; ++k) {
          ws->candidates.push_back({score + choice.score[k], i, a, choice.label[k]});
        }
      }
    }
    int keep = std::min(width, static_cast<int>(ws->candidates.size()));
    std::partial_sort(ws->candidates.begin(), ws->candidates.begin() + keep, ws->candidates.end(),
                      better);
    if (margin > 0) {
      while (keep > 1 && ws->candidates[keep - 1].score < ws->candidates[0].score - margin) --keep;
    }
    // A parent with one surviving child hands it its state instead of a copy.
    ws->children.assign(ws->beam_size, 0);
    for (int j = 0; j < keep; ++j) ++ws->children[ws->candidates[j].item];
    for (int j = 0; j < keep; ++j) {
      const BeamCandidate& c = ws->candidates[j];
      BeamItem& from = ws->beam[c.item];
      BeamItem& to = ws->next[j];
      if (ws->children[c.item] == 1) {
        std::swap(to.st, from.st);
      } else {
        to.st = from.st;
      }
      int label = c.label;
      if (label < 0 && (c.action == kLeft || c.action == kRight)) {
        int h, d;
        to.st.ArcOf(c.action, &h, &d);
        label = ChooseLabels(x, to.st, h, d, labeller, root_label, 1, ws).label[0];
      }
      to.st.Apply(c.action, label);
      to.score = c.score;
      to.gold = from.gold && gold_actions != nullptr && c.action == gold_actions[t] &&
                (label_branch == 0 || label == gold_labels[t]);
      ws->history.push_back({from.node, c.action, label});
      to.node = static_cast<int>(ws->history.size()) - 1;
    }
    std::swap(ws->beam, ws->next);
    ws->beam_size = keep;
    on_step(t, ws->beam, keep);
  }
}

int FindLabel(const std::vector<std::string>& labels, std::string_view name) {
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

void Projectivize(std::vector<int>* heads) {
  std::vector<int>& head = *heads;
  const int n = static_cast<int>(head.size());
  // Whether word h dominates word k (both 1-based); the walk is bounded in case of a cycle.
  auto dominates = [&](int h, int k) {
    for (int steps = 0; k != 0 && steps <= n; ++steps) {
      if (k == h) return true;
      k = head[k - 1];
    }
    return false;
  };
  for (int round = 0; round < n * n + 1; ++round) {
    // An arc is non-projective when a word between its ends is not below its head. Root arcs
    // never are: the root dominates every word.
    int lift = 0, lift_span = 0;
    for (int d = 1; d <= n; ++d) {
      const int h = head[d - 1];
      if (h == 0) continue;
      const int lo = std::min(h, d), hi = std::max(h, d);
      if (lift != 0 && hi - lo >= lift_span) continue;
      for (int k = lo + 1; k < hi; ++k) {
        if (!dominates(h, k)) {
          lift = d;
          lift_span = hi - lo;
          break;
        }
      }
    }
    if (lift == 0) return;
    head[lift - 1] = head[head[lift - 1] - 1];
  }
}

void Parser::SetBeam(int width, float margin, int label_branch) {
  beam_width_ = std::clamp(width, 1, kMaxBeamWidth);
  beam_margin_ = margin;
  label_branch_ = std::clamp(label_branch, 0, 2);
}

void Parser::Parse(const ParserInput& input, std::vector<int>* heads,
                   std::vector<int>* labels) const {
  Sentence x;
  PrepareSentence(input, *clusters_, &x);
  x.feature_set = feature_set_;
  if (beam_width_ > 1) {
    thread_local BeamWorkspace ws;
    BeamSearch(x, transitions_, labeller_, beam_width_, beam_margin_, label_branch_, root_label_,
               static_cast<int>(labels_.size()), nullptr, nullptr, &ws,
               [](int, const std::vector<BeamItem>&, int) {});
    Finish(ws.beam[0].st, root_label_, fallback_label_, heads, labels);
    return;
  }
  State st;
  st.Init(x.n);
  uint64_t keys[kMaxTransitionFeatures];
  uint64_t label_keys[kMaxLabelFeatures];
  std::vector<float> label_scores(labels_.size());
  while (!st.Terminal()) {
    float scores[kNumActions] = {0, 0, 0, 0};
    const int num_keys = TransitionFeatures(x, st, keys);
    transitions_.Score(keys, num_keys, scores);
    const int action = ArgmaxValid(st, scores);
    int label = -1;
    if (action == kLeft || action == kRight) {
      int h, d;
      st.ArcOf(action, &h, &d);
      const int num_label_keys = LabelFeatures(x, st, h, d, label_keys);
      label = BestLabel(labeller_, label_keys, num_label_keys, h == x.n + 1, root_label_,
                        &label_scores);
    }
    st.Apply(action, label);
  }
  Finish(st, root_label_, fallback_label_, heads, labels);
}

Status Parser::Save(const std::string& path) const {
  ByteWriter out;
  out.StringList(upos_tags_);
  out.StringList(xpos_tags_);
  out.StringList(labels_);
  clusters_->Serialize(&out);
  transitions_.Serialize(&out);
  labeller_.Serialize(&out);
  // The settings trailer: feature set, then decoding.
  out.U32(static_cast<uint32_t>(feature_set_));
  out.U32(static_cast<uint32_t>(beam_width_));
  out.F32(beam_margin_);
  out.U32(static_cast<uint32_t>(label_branch_));
  return WriteModelFile(path, kMagic, out.bytes());
}

Result<std::unique_ptr<Parser>> Parser::Load(const std::string& path) {
  std::string payload;
  uint32_t version = 0;
  if (Status st = ReadModelFile(path, kMagic, &payload, &version); !st.ok()) return st;
  ByteReader in(payload, path);
  std::unique_ptr<Parser> parser(new Parser());
  if (Status st = in.StringList("UPOS tag set", kMaxTags, &parser->upos_tags_); !st.ok()) return st;
  if (Status st = in.StringList("XPOS tag set", kMaxTags, &parser->xpos_tags_); !st.ok()) return st;
  if (Status st = in.StringList("label set", kMaxLabels, &parser->labels_); !st.ok()) return st;
  if (parser->labels_.empty()) return in.Error("empty label set");
  if (version >= 2) {
    auto clusters = std::make_shared<WordClusters>();
    if (Status st = WordClusters::Deserialize(&in, clusters.get()); !st.ok()) return st;
    parser->clusters_ = std::move(clusters);
  }
  parser->root_label_ = FindLabel(parser->labels_, "root");
  if (parser->root_label_ < 0) return in.Error("label set lacks \"root\"");
  parser->fallback_label_ = FindLabel(parser->labels_, "parataxis");
  if (parser->fallback_label_ < 0) parser->fallback_label_ = parser->root_label_ == 0 ? 1 : 0;
  if (Status st = WeightTable::Deserialize(&in, kMaxRowBits, kNumActions, &parser->transitions_);
      !st.ok()) {
    return st;
  }
  if (Status st = SparseWeightTable::Deserialize(
          &in, kMaxRowBits, static_cast<int>(parser->labels_.size()), &parser->labeller_);
      !st.ok()) {
    return st;
  }
  // Version 2 files from before beam search end here: feature set 1, greedy. From version 3 on
  // the settings are always there.
  parser->feature_set_ = 1;
  parser->SetBeam(1, 0.0f, 0);
  if (version >= 3 || !in.AtEnd()) {
    uint32_t feature_set, width, branch;
    float margin;
    if (Status st = in.U32("feature set", &feature_set); !st.ok()) return st;
    if (feature_set < 1 || feature_set > static_cast<uint32_t>(kLatestFeatureSet)) {
      return in.Error("feature set " + std::to_string(feature_set) +
                      ", but this build knows sets 1 to " + std::to_string(kLatestFeatureSet));
    }
    if (Status st = in.U32("beam width", &width); !st.ok()) return st;
    if (width < 1 || width > static_cast<uint32_t>(kMaxBeamWidth)) {
      return in.Error("beam width " + std::to_string(width) + " outside 1.." +
                      std::to_string(kMaxBeamWidth));
    }
    if (Status st = in.F32("beam margin", &margin); !st.ok()) return st;
    if (!std::isfinite(margin) || margin < 0) return in.Error("beam margin is not a number >= 0");
    if (Status st = in.U32("labels in the beam", &branch); !st.ok()) return st;
    if (branch > 2)
      return in.Error("labels in the beam " + std::to_string(branch) + " outside 0..2");
    parser->feature_set_ = static_cast<int>(feature_set);
    parser->SetBeam(static_cast<int>(width), margin, static_cast<int>(branch));
  }
  if (!in.AtEnd()) return in.Error("unexpected bytes after the settings");
  return parser;
}

ParserTrainer::ParserTrainer(std::vector<std::string> upos_tags, std::vector<std::string> xpos_tags,
                             std::vector<std::string> labels, int transition_row_bits,
                             int label_row_bits, std::shared_ptr<const WordClusters> clusters)
    : proto_(new Parser()),
      transitions_(transition_row_bits, kNumActions),
      labeller_(label_row_bits, static_cast<int>(labels.size())) {
  proto_->upos_tags_ = std::move(upos_tags);
  proto_->xpos_tags_ = std::move(xpos_tags);
  proto_->labels_ = std::move(labels);
  if (clusters) proto_->clusters_ = std::move(clusters);
  proto_->root_label_ = FindLabel(proto_->labels_, "root");
  proto_->fallback_label_ = FindLabel(proto_->labels_, "parataxis");
  if (proto_->fallback_label_ < 0) proto_->fallback_label_ = proto_->root_label_ == 0 ? 1 : 0;
}

namespace {

// The gold heads on the parser's numbering (1-based words, root = n+1), made projective, and
// each head's gold children. gold_heads are 1-based with 0 for the root, one per word.
void GoldTree(const std::vector<int>& gold_heads, int n, std::vector<int>* gold,
              std::vector<std::vector<int>>* gold_children) {
  std::vector<int> projective = gold_heads;
  Projectivize(&projective);
  gold->assign(n + 2, 0);
  gold_children->assign(n + 2, {});
  for (int i = 1; i <= n; ++i) {
    (*gold)[i] = projective[i - 1] == 0 ? n + 1 : projective[i - 1];
    (*gold_children)[(*gold)[i]].push_back(i);
  }
}

}  // namespace

int ParserTrainer::Train(const ParserInput& input, const std::vector<int>& gold_heads,
                         const std::vector<int>& gold_labels, bool explore, std::mt19937* rng) {
  Sentence x;
  PrepareSentence(input, *proto_->clusters_, &x);
  x.feature_set = proto_->feature_set_;
  const int n = x.n;
  std::vector<int> gold;
  std::vector<std::vector<int>> gold_children;
  GoldTree(gold_heads, n, &gold, &gold_children);

  State st;
  st.Init(n);
  uint64_t keys[kMaxTransitionFeatures];
  uint64_t label_keys[kMaxLabelFeatures];
  std::vector<float> label_scores(proto_->labels_.size());
  while (!st.Terminal()) {
    float scores[kNumActions] = {0, 0, 0, 0};
    const int num_keys = TransitionFeatures(x, st, keys);
    transitions_.current().Score(keys, num_keys, scores);
    int costs[kNumActions];
    int min_cost = 1 << 30;
    for (int a = 0; a < kNumActions; ++a) {
      costs[a] = st.Valid(a) ? ActionCost(st, a, gold, gold_children) : (1 << 30);
      min_cost = std::min(min_cost, costs[a]);
    }
    const int predicted = ArgmaxValid(st, scores);
    int oracle = -1;
    for (int a = 0; a < kNumActions; ++a) {
      if (costs[a] != min_cost) continue;
      if (oracle < 0 || scores[a] > scores[oracle]) oracle = a;
    }
    int action = oracle;
    if (costs[predicted] > min_cost) {
      transitions_.Update(keys, num_keys, oracle, 1.0f);
      transitions_.Update(keys, num_keys, predicted, -1.0f);
      if (explore && (*rng)() % 10 != 0) action = predicted;
    }
    transitions_.Tick();

    int label = -1;
    if (action == kLeft || action == kRight) {
      int h, d;
      st.ArcOf(action, &h, &d);
      const int num_label_keys = LabelFeatures(x, st, h, d, label_keys);
      label = BestLabel(labeller_.current(), label_keys, num_label_keys, h == n + 1,
                        proto_->root_label_, &label_scores);
      // Learn labels only on arcs the gold tree has, and not on root arcs (always "root").
      if (gold[d] == h && h != n + 1) {
        const int gold_label = gold_labels[d - 1];
        if (label != gold_label) {
          labeller_.Update(label_keys, num_label_keys, gold_label, 1.0f);
          labeller_.Update(label_keys, num_label_keys, label, -1.0f);
        }
        labeller_.Tick();
      }
    }
    st.Apply(action, label);
  }
  int correct = 0;
  for (int i = 1; i <= n; ++i) {
    const int head = st.head[i] == n + 1 ? 0 : st.head[i];
    correct += head == gold_heads[i - 1];
  }
  return correct;
}

int ParserTrainer::TrainBeam(const ParserInput& input, const std::vector<int>& gold_heads,
                             const std::vector<int>& gold_labels, int width, int label_branch) {
  Sentence x;
  PrepareSentence(input, *proto_->clusters_, &x);
  x.feature_set = proto_->feature_set_;
  const int n = x.n;
  if (n == 0) return 0;
  std::vector<int> gold;
  std::vector<std::vector<int>> gold_children;
  GoldTree(gold_heads, n, &gold, &gold_children);
  const int root_label = proto_->root_label_;
  const int num_labels = static_cast<int>(proto_->labels_.size());
  uint64_t keys[kMaxTransitionFeatures];
  uint64_t label_keys[kMaxLabelFeatures];
  std::vector<float> label_scores(num_labels);

  // The gold sequence: the first zero-cost action in the order Left, Right, Reduce, Shift, with
  // gold labels. Without labels in the beam, the labeller learns on its arcs as in Train(), root
  // arcs excepted.
  std::vector<int> gold_actions, gold_arc_labels;
  gold_actions.reserve(2 * n);
  gold_arc_labels.reserve(2 * n);
  {
    State st;
    st.Init(n);
    while (!st.Terminal()) {
      int action = -1;
      for (int a : {kLeft, kRight, kReduce, kShift}) {
        if (st.Valid(a) && ActionCost(st, a, gold, gold_children) == 0) {
          action = a;
          break;
        }
      }
      if (action < 0) {  // unreachable for a projective tree; keep going regardless
        for (int a : {kShift, kReduce, kLeft, kRight}) {
          if (st.Valid(a)) {
            action = a;
            break;
          }
        }
      }
      int label = -1;
      if (action == kLeft || action == kRight) {
        int h, d;
        st.ArcOf(action, &h, &d);
        if (h == n + 1) {
          label = root_label;
        } else {
          label = gold_labels[d - 1];
        }
        if (h != n + 1 && label_branch == 0) {
          const int num_label_keys = LabelFeatures(x, st, h, d, label_keys);
          const int predicted = BestLabel(labeller_.current(), label_keys, num_label_keys, false,
                                          root_label, &label_scores);
          if (predicted != label) {
            labeller_.Update(label_keys, num_label_keys, label, 1.0f);
            labeller_.Update(label_keys, num_label_keys, predicted, -1.0f);
          }
          labeller_.Tick();
        }
      }
      gold_actions.push_back(action);
      gold_arc_labels.push_back(label);
      st.Apply(action, label);
    }
  }

  // Beam search beside the gold sequence, finding the step of maximum violation.
  State gold_state;
  gold_state.Init(n);
  float gold_score = 0;
  float worst = 0;
  int worst_step = -1, worst_node = -1;
  BeamWorkspace ws;
  const WeightTable& weights = transitions_.current();
  const WeightTable& label_weights = labeller_.current();
  // The score a label adds to the gold item: the labeller's, when labels are in the beam.
  auto label_score = [&](const State& st, int action, int label, uint64_t* lkeys, int* num) {
    *num = 0;
    if (label_branch == 0 || (action != kLeft && action != kRight)) return 0.0f;
    int h, d;
    st.ArcOf(action, &h, &d);
    if (h == n + 1) return 0.0f;
    *num = LabelFeatures(x, st, h, d, lkeys);
    float total = 0;
    for (int k = 0; k < *num; ++k) total += label_weights.Row(lkeys[k])[label];
    return total;
  };
  BeamSearch(x, weights, label_weights, width, 0.0f, label_branch, root_label, num_labels,
             gold_actions.data(), gold_arc_labels.data(), &ws,
             [&](int t, const std::vector<BeamItem>& beam, int) {
               float scores[kNumActions] = {0, 0, 0, 0};
               const int num_keys = TransitionFeatures(x, gold_state, keys);
               weights.Score(keys, num_keys, scores);
               int num_label_keys;
               gold_score += scores[gold_actions[t]] + label_score(gold_state, gold_actions[t],
                                                                   gold_arc_labels[t], label_keys,
                                                                   &num_label_keys);
               gold_state.Apply(gold_actions[t], gold_arc_labels[t]);
               if (beam[0].gold) return;
               const float violation = beam[0].score - gold_score;
               if (worst_step < 0 || violation >= worst) {
                 worst = violation;
                 worst_step = t;
                 worst_node = beam[0].node;
               }
             });
  const State& best = ws.beam[0].st;
  int correct = 0;
  for (int i = 1; i <= n; ++i) {
    const int head = best.head[i] == n + 1 ? 0 : best.head[i];
    correct += head == gold_heads[i - 1];
  }
  if (worst_step < 0) {
    transitions_.Tick();
    if (label_branch > 0) labeller_.Tick();
    return correct;
  }

  // Gold prefix up, predicted prefix down, through step worst_step.
  std::vector<HistoryNode> predicted;
  for (int node = worst_node; node >= 0; node = ws.history[node].parent) {
    predicted.push_back(ws.history[node]);
  }
  std::reverse(predicted.begin(), predicted.end());
  State st;
  st.Init(n);
  for (int t = 0; t <= worst_step; ++t) {
    const int num_keys = TransitionFeatures(x, st, keys);
    transitions_.Update(keys, num_keys, gold_actions[t], 1.0f);
    int num_label_keys;
    label_score(st, gold_actions[t], gold_arc_labels[t], label_keys, &num_label_keys);
    if (num_label_keys > 0) {
      labeller_.Update(label_keys, num_label_keys, gold_arc_labels[t], 1.0f);
    }
    st.Apply(gold_actions[t], gold_arc_labels[t]);
  }
  st.Init(n);
  for (const HistoryNode& step : predicted) {
    const int num_keys = TransitionFeatures(x, st, keys);
    transitions_.Update(keys, num_keys, step.action, -1.0f);
    int num_label_keys;
    label_score(st, step.action, step.label, label_keys, &num_label_keys);
    if (num_label_keys > 0) labeller_.Update(label_keys, num_label_keys, step.label, -1.0f);
    st.Apply(step.action, step.label);
  }
  transitions_.Tick();
  if (label_branch > 0) labeller_.Tick();
  return correct;
}

std::unique_ptr<Parser> ParserTrainer::Averaged() const {
  std::unique_ptr<Parser> parser(new Parser());
  parser->upos_tags_ = proto_->upos_tags_;
  parser->xpos_tags_ = proto_->xpos_tags_;
  parser->labels_ = proto_->labels_;
  parser->clusters_ = proto_->clusters_;
  parser->root_label_ = proto_->root_label_;
  parser->fallback_label_ = proto_->fallback_label_;
  parser->feature_set_ = proto_->feature_set_;
  parser->transitions_ = transitions_.Averaged();
  parser->labeller_ = SparseWeightTable(labeller_.Averaged());
  return parser;
}

void ParserEnsemble::Add(const ParserTrainer& trainer) {
  WeightTable transitions = trainer.transitions_.Averaged();
  WeightTable labeller = trainer.labeller_.Averaged();
  if (count_ == 0) {
    proto_.reset(new Parser());
    proto_->upos_tags_ = trainer.proto_->upos_tags_;
    proto_->xpos_tags_ = trainer.proto_->xpos_tags_;
    proto_->labels_ = trainer.proto_->labels_;
    proto_->clusters_ = trainer.proto_->clusters_;
    proto_->root_label_ = trainer.proto_->root_label_;
    proto_->fallback_label_ = trainer.proto_->fallback_label_;
    proto_->feature_set_ = trainer.proto_->feature_set_;
    transitions_ = std::move(transitions);
    labeller_ = std::move(labeller);
  } else {
    auto add = [](const WeightTable& from, WeightTable* to) {
      auto& w = to->mutable_weights();
      for (size_t i = 0; i < w.size(); ++i) w[i] += from.weights()[i];
    };
    add(transitions, &transitions_);
    add(labeller, &labeller_);
  }
  ++count_;
}

std::unique_ptr<Parser> ParserEnsemble::Mean() const {
  std::unique_ptr<Parser> parser(new Parser());
  parser->upos_tags_ = proto_->upos_tags_;
  parser->xpos_tags_ = proto_->xpos_tags_;
  parser->labels_ = proto_->labels_;
  parser->clusters_ = proto_->clusters_;
  parser->root_label_ = proto_->root_label_;
  parser->fallback_label_ = proto_->fallback_label_;
  parser->feature_set_ = proto_->feature_set_;
  const float scale = 1.0f / static_cast<float>(count_);
  WeightTable transitions = transitions_;
  WeightTable labeller = labeller_;
  for (float& w : transitions.mutable_weights()) w *= scale;
  for (float& w : labeller.mutable_weights()) w *= scale;
  parser->transitions_ = std::move(transitions);
  parser->labeller_ = SparseWeightTable(labeller);
  return parser;
}

}  // namespace whipcount::syntax
