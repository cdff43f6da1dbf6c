// Intent matching against analysed replies; see matcher.h.
#include "matcher.h"

#include <algorithm>

namespace chatdrill::engine {

namespace {

void add_unique(std::vector<std::string>& list, std::string_view value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.emplace_back(value);
}

bool skipped(const std::vector<int>& skip, int clause) {
  return std::find(skip.begin(), skip.end(), clause) != skip.end();
}

}  // namespace

PreparedMatcher::PreparedMatcher(const Matcher& m, const scoring::TextAnalyzer& analyzer) : any_(m.any) {
  for (const auto& k : m.keywords) terms_.add(analyzer, k);
  for (const auto& p : m.phrases) terms_.add(analyzer, p);
  for (const auto& s : m.stems) {
    // Authors write a stem ("syy") or a word form ("syytä"): accept both readings.
    for (const auto& t : analyzer.tokenize(s)) {
      add_unique(stems_, t.folded);
      add_unique(stems_, t.stem);
    }
  }
  for (const auto& p : m.prefixes) add_unique(prefixes_, analyzer.fold(p));
  concepts_ = m.concepts;
  for (const auto& name : m.moves)
    if (auto kind = scoring::parse_move(name)) moves_.push_back(*kind);
}

bool PreparedMatcher::mentions_move(scoring::MoveKind kind) const {
  return std::find(moves_.begin(), moves_.end(), kind) != moves_.end();
}

std::optional<MatchReason> PreparedMatcher::match(const scoring::Analysis& reply, const std::vector<int>& skip) const {
  if (any_) return MatchReason{"any", "any", "", -1, 0, 0};
  std::vector<scoring::TermHit> hits;
  terms_.find(reply, hits);
  for (const auto& h : hits)
    if (!h.negated && !skipped(skip, h.clause))
      return MatchReason{terms_.terms()[static_cast<std::size_t>(h.term)].words.size() > 1 ? "phrase" : "keyword",
                         terms_.terms()[static_cast<std::size_t>(h.term)].text,
                         std::string(h.how),
                         h.clause,
                         h.first,
                         h.last};
  for (const auto& id : concepts_)
    for (const auto& c : reply.concepts)
      if (c.id == id && !c.negated && !skipped(skip, c.clause))
        return MatchReason{"concept", id, "", c.clause, c.first, c.last};
  for (auto kind : moves_)
    for (const auto& mv : reply.moves)
      if (mv.kind == kind && !skipped(skip, mv.clause))
        return MatchReason{"move", scoring::move_name(kind), std::string(mv.rule), mv.clause, mv.first, mv.last};
  const auto& tokens = reply.tokens;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const auto& t = tokens[k];
    const bool negated = reply.clauses[static_cast<std::size_t>(t.clause)].negated && !reply.word(k).negation;
    if (negated || skipped(skip, t.clause)) continue;
    if (std::find(stems_.begin(), stems_.end(), t.stem) != stems_.end())
      return MatchReason{"stem", std::string(t.stem), "", t.clause, k, k};
    for (const auto& p : prefixes_)
      if (t.folded.starts_with(p)) return MatchReason{"prefix", p, "", t.clause, k, k};
  }
  return std::nullopt;
}

std::vector<MatchReason> PreparedMatcher::negated_hits(const scoring::Analysis& reply) const {
  std::vector<MatchReason> out;
  std::vector<scoring::TermHit> hits;
  terms_.find(reply, hits);
  for (const auto& h : hits)
    if (h.negated)
      out.push_back({"keyword", terms_.terms()[static_cast<std::size_t>(h.term)].text, std::string(h.how), h.clause,
                     h.first, h.last});
  for (const auto& id : concepts_)
    for (const auto& c : reply.concepts)
      if (c.id == id && c.negated) out.push_back({"concept", id, "", c.clause, c.first, c.last});
  return out;
}

}  // namespace chatdrill::engine
