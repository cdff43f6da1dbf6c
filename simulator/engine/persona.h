// The behaviour model every persona follows (docs/scenario-format.md, "Behaviour model"):
// reading and typing delays, effective patience, mood moved by tone, seeded variant
// choice. Pure functions of their inputs; no clock, no global random generator.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "scoring/text.h"

namespace chatdrill::engine {

// Length of a text in Unicode code points (what a person counts as characters).
std::size_t text_length(std::string_view utf8);

// Seconds the customer spends reading a trainee reply before it starts typing.
double reading_delay(std::string_view reply);
// Seconds the customer spends typing a line.
double typing_time(std::string_view line, double typing_cps);
// Patience in seconds after mood: a customer in a bad mood waits less.
double effective_patience(double patience, double mood);
// Mood change from a reply's tone: courtesy markers raise it (capped), negative ones lower it.
double tone_change(const scoring::Analysis& reply);
double clamp_mood(double mood);

// The session's seeded generator. Uses only std::mt19937_64's raw output (specified
// exactly by the standard), never a std:: distribution, so every platform picks the same.
class VariantPicker {
 public:
  explicit VariantPicker(std::uint64_t seed) : rng_(seed) {}
  std::size_t index(std::size_t count) { return count ? static_cast<std::size_t>(rng_() % count) : 0; }
  const std::string& pick(const std::vector<std::string>& lines) { return lines[index(lines.size())]; }

 private:
  std::mt19937_64 rng_;
};

}  // namespace chatdrill::engine
