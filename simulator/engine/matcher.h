// Intent matching: does a trainee's reply hit a scenario matcher (keywords, stems, phrases,
// prefixes)? Words are prepared once with the scenario language's analyser and compared
// with the reply's tokens. Knows scoring's text analysis, not sessions or time.
#pragma once

#include <string>
#include <vector>

#include "scenario.h"
#include "scoring/text.h"

namespace chatdrill::engine {

class PreparedMatcher {
 public:
  PreparedMatcher() = default;
  PreparedMatcher(const Matcher& matcher, const scoring::TextAnalyzer& analyzer);

  bool matches(const scoring::Analysis& reply) const;
  bool empty() const {
    return !any_ && keywords_.empty() && stems_.empty() && phrases_.empty() && prefixes_.empty();
  }

 private:
  bool any_ = false;
  std::vector<std::string> keywords_;              // folded whole words
  std::vector<std::string> stems_;                 // stems (as written and as stemmed)
  std::vector<std::vector<std::string>> phrases_;  // folded word sequences
  std::vector<std::string> prefixes_;              // folded word beginnings
};

}  // namespace chatdrill::engine
