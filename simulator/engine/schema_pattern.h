// The regular expressions of JSON Schema `pattern` and `patternProperties`, matched in time
// linear in the text (a Thompson NFA, no backtracking, no recursion per character), so an
// id of any length is checked safely. std::regex recursed per character and crashed on a
// 30,000-character id. Supports the subset schemas use: literals, `.`, classes `[a-z_-]`
// and `[^...]`, escapes `\d \w \s \S \D \W \.`, groups `( | )`, `* + ? {n} {n,} {n,m}`, `^ $`.
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chatdrill::engine {

class SchemaPattern {
 public:
  // nullopt and `error` set when the pattern is outside the supported subset.
  static std::optional<SchemaPattern> compile(std::string_view pattern, std::string& error);
  // ECMAScript `search` semantics: true if the pattern matches anywhere in `text`.
  bool search(std::string_view text) const;

  struct Inst {
    enum Op { byte, split, jump, line_start, line_end, match } op = match;
    std::bitset<256> set;
    int x = 0, y = 0;
  };

 private:
  std::vector<Inst> program_;
};

}  // namespace chatdrill::engine
