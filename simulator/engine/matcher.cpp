// Intent matching against analysed replies; see matcher.h.
#include "matcher.h"

#include <algorithm>

namespace chatdrill::engine {

namespace {

std::vector<std::string> folded_words(const scoring::TextAnalyzer& analyzer, const std::string& text) {
  std::vector<std::string> out;
  for (const auto& t : analyzer.tokenize(text)) out.emplace_back(t.folded);
  return out;
}

void add_unique(std::vector<std::string>& list, std::string_view value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end())
    list.emplace_back(value);
}

}  // namespace

PreparedMatcher::PreparedMatcher(const Matcher& m, const scoring::TextAnalyzer& analyzer) : any_(m.any) {
  for (const auto& k : m.keywords) {
    // A "keyword" of several words is a phrase in disguise.
    auto words = folded_words(analyzer, k);
    if (words.size() == 1)
      add_unique(keywords_, words[0]);
    else if (words.size() > 1)
      phrases_.push_back(std::move(words));
  }
  for (const auto& p : m.phrases) {
    auto words = folded_words(analyzer, p);
    if (!words.empty()) phrases_.push_back(std::move(words));
  }
  for (const auto& s : m.stems) {
    // Authors write a stem ("syy") or a word form ("syytä"): accept both readings.
    for (const auto& t : analyzer.tokenize(s)) {
      add_unique(stems_, t.folded);
      add_unique(stems_, t.stem);
    }
  }
  for (const auto& p : m.prefixes) add_unique(prefixes_, analyzer.fold(p));
}

bool PreparedMatcher::matches(const scoring::Analysis& reply) const {
  if (any_) return true;
  const auto& tokens = reply.tokens;
  auto has = [](const std::vector<std::string>& list, std::string_view v) {
    return std::find(list.begin(), list.end(), v) != list.end();
  };
  for (const auto& t : tokens) {
    if (has(keywords_, t.folded) || has(stems_, t.stem)) return true;
    for (const auto& p : prefixes_)
      if (t.folded.size() >= p.size() && t.folded.compare(0, p.size(), p) == 0) return true;
  }
  for (const auto& phrase : phrases_) {
    if (phrase.size() > tokens.size()) continue;
    for (std::size_t i = 0; i + phrase.size() <= tokens.size(); ++i) {
      std::size_t k = 0;
      while (k < phrase.size() && tokens[i + k].folded == phrase[k]) ++k;
      if (k == phrase.size()) return true;
    }
  }
  return false;
}

}  // namespace chatdrill::engine
