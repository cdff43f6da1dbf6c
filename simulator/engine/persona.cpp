// The persona behaviour model's formulas; see persona.h and docs/scenario-format.md.
#include "persona.h"

#include <algorithm>

namespace chatdrill::engine {

std::size_t text_length(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

double reading_delay(std::string_view reply) { return 1.0 + 0.03 * static_cast<double>(text_length(reply)); }

double typing_time(std::string_view line, double typing_cps) {
  return static_cast<double>(text_length(line)) / std::max(typing_cps, 0.1);
}

double effective_patience(double patience, double mood) { return patience * (1.0 + 0.5 * std::min(mood, 0.0)); }

double tone_change(const scoring::Analysis& reply) {
  const double courtesy = std::min(0.15, 0.05 * reply.count("courtesy."));
  return courtesy - 0.25 * reply.count("negative.");
}

double clamp_mood(double mood) { return std::clamp(mood, -1.0, 1.0); }

}  // namespace chatdrill::engine
