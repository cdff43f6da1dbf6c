// Intent matching on meaning: does a trainee's reply hit a scenario matcher? Keywords and
// phrases are base forms matched by lemma (scoring/text/terms.h: inflections, compounds
// written apart, any word order within a clause, typos); concepts and moves come from the
// shared analysis, so the persona and the grade read a message the same way. A hit in a
// negated clause does not count ("en voi tarjota alennusta" is no offer) unless the
// matcher's own words hold the negation. Stems and prefixes keep their v1 meaning.
// Knows scoring's text analysis, not sessions or time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenario.h"
#include "scoring/text.h"
#include "scoring/text/terms.h"

namespace chatdrill::engine {

// Why a matcher matched: for `chatdrill explain` and for the persona's memory of a reply.
struct MatchReason {
  std::string what;                 // "keyword", "phrase", "concept", "move", "stem", "prefix", "any"
  std::string entry;                // the matcher's entry ("laskunumero", "channel.email", "hold")
  std::string how;                  // "lemma", "split compound", "typo", ... (keywords and phrases)
  int clause = -1;                  // the clause it was found in (-1: the whole reply)
  std::size_t first = 0, last = 0;  // token range
};

class PreparedMatcher {
 public:
  PreparedMatcher() = default;
  PreparedMatcher(const Matcher& matcher, const scoring::TextAnalyzer& analyzer);

  bool matches(const scoring::Analysis& reply) const { return match(reply).has_value(); }
  // The first reason found (keywords and phrases, then concepts, moves, stems, prefixes),
  // skipping hits in `skip_clauses`.
  std::optional<MatchReason> match(const scoring::Analysis& reply, const std::vector<int>& skip_clauses = {}) const;
  // Hits that a negated clause cancelled (for explanations).
  std::vector<MatchReason> negated_hits(const scoring::Analysis& reply) const;
  bool mentions_move(scoring::MoveKind kind) const;
  bool empty() const {
    return !any_ && terms_.empty() && stems_.empty() && prefixes_.empty() && concepts_.empty() && moves_.empty();
  }

 private:
  bool any_ = false;
  scoring::TermSet terms_;             // keywords and phrases (base forms)
  std::vector<std::string> stems_;     // stems (as written and as stemmed)
  std::vector<std::string> prefixes_;  // folded word beginnings
  std::vector<std::string> concepts_;  // concept ids
  std::vector<scoring::MoveKind> moves_;
};

}  // namespace chatdrill::engine
