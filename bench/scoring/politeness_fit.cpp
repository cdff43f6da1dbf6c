// politeness_fit: fits the English politeness strategies' weights on the Stanford
// Politeness Corpus (Stack Exchange part, ../shared/calibration/), prints the nested
// cross-validated accuracy of telling the top quartile from the bottom one (λ chosen on
// training folds only), beside the baseline of counting twenty polite words and the
// accuracy on each community when fitted on the others; --show prints the requests a
// strategy fires on, to audit a detector; --write puts the weights into
// scoring/lexicons/en-politeness.json and, through each strategy's "as", fi-politeness.json.
//
//   politeness_fit [--csv FILE] [--l2 X] [--show STRATEGY [--limit N]] [--dump FILE.csv] [--write]
#include "scoring/politeness_fit.h"
#include "scoring/core/json_doc.h"
#include "scoring/core/paths.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <string>

using namespace chatdrill::scoring;

namespace {

std::string number(double v) { return fmt::format("{:.3f}", v); }

// Replaces the first `"key": <number>` after `from` in a JSON text, keeping its layout.
bool replace_number(std::string& text, std::size_t from, const std::string& key, const std::string& value) {
  const std::regex re("\"" + key + "\"\\s*:\\s*(-?[0-9.eE+-]+)");
  std::smatch m;
  const std::string tail = text.substr(from);
  if (!std::regex_search(tail, m, re)) return false;
  const std::size_t at = from + static_cast<std::size_t>(m.position(1));
  text.replace(at, static_cast<std::size_t>(m.length(1)), value);
  return true;
}

bool replace_strategy_weight(std::string& text, const std::string& id, const std::string& value) {
  const std::size_t strategies = text.find("\"strategies\"");
  const std::size_t at = text.find("\"" + id + "\":", strategies);
  return strategies != std::string::npos && at != std::string::npos && replace_number(text, at, "weight", value);
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

struct Figures {
  double cv, baseline, by_community, l2;
};

int write_weights(const PolitenessModel& en, const LogisticModel& fit, const Figures& f) {
  const std::string en_path = data_path("scoring/lexicons/en-politeness.json").string();
  const std::string fi_path = data_path("scoring/lexicons/fi-politeness.json").string();
  std::string error;
  auto en_text = read_text_file(en_path, error);
  auto fi_text = read_text_file(fi_path, error);
  if (!en_text || !fi_text) return std::fprintf(stderr, "%s\n", error.c_str()), 1;
  std::map<std::string, std::string> weight_of;
  bool ok = replace_number(*en_text, 0, "intercept", number(fit.intercept)) &&
            replace_number(*en_text, 0, "cv_accuracy", number(f.cv)) &&
            replace_number(*en_text, 0, "baseline_accuracy", number(f.baseline)) &&
            replace_number(*en_text, 0, "leave_one_community_out_accuracy", number(f.by_community)) &&
            replace_number(*en_text, 0, "l2", fmt::format("{}", f.l2));
  for (std::size_t s = 0; s < en.strategies.size(); ++s) {
    const std::string id(en.strategies[s].id);
    weight_of[id] = number(fit.weights[s]);
    ok = ok && replace_strategy_weight(*en_text, id, weight_of[id]);
  }
  const auto fi = load_politeness_file(Language::fi, fi_path);
  ok = ok && replace_number(*fi_text, 0, "intercept", number(fit.intercept));
  for (const auto& st : fi->strategies) {
    auto it = weight_of.find(st.as);
    if (it == weight_of.end()) {
      std::fprintf(stderr, "%s: strategy %s: \"as\": \"%s\" is no English strategy\n", fi_path.c_str(),
                   std::string(st.id).c_str(), st.as.c_str());
      return 1;
    }
    ok = ok && replace_strategy_weight(*fi_text, std::string(st.id), it->second);
  }
  if (!ok) return std::fprintf(stderr, "could not find every weight to replace\n"), 1;
  if (!write_file(en_path, *en_text) || !write_file(fi_path, *fi_text))
    return std::fprintf(stderr, "could not write the lexicons\n"), 1;
  std::printf("wrote %s and %s\n", en_path.c_str(), fi_path.c_str());
  return 0;
}

// Requests where strategy `id` fires, polite ones first, the words that made it in [brackets].
void show(const PolitenessModel& en, const std::vector<JudgedRequest>& requests, const std::string& id, int limit) {
  const int s = en.index(id);
  if (s < 0) return void(std::fprintf(stderr, "no strategy \"%s\"\n", id.c_str()));
  TextAnalyzer analyzer(Language::en);
  Analysis a;
  for (int polite = 1; polite >= 0; --polite) {
    std::printf("\n%s requests with %s:\n", polite ? "polite" : "impolite", id.c_str());
    int shown = 0;
    for (const auto& r : requests) {
      if (r.polite != polite || shown >= limit) continue;
      analyzer.analyze(r.text, a);
      std::string text = r.text;
      bool found = false;
      const auto hits = en.find(a);
      for (auto h = hits.rbegin(); h != hits.rend(); ++h) {
        if (h->strategy != s) continue;
        found = true;
        text.insert(a.tokens[h->last].end, "]");
        text.insert(a.tokens[h->first].begin, "[");
      }
      if (found) std::printf("  %+.2f %s\n", r.score, text.c_str()), ++shown;
    }
  }
}

// One CSV row per request: label, score, community, then each strategy's 0/1 (for a look
// with other tools).
bool dump(const std::string& path, const PolitenessModel& en, const std::vector<JudgedRequest>& requests,
          const std::vector<std::vector<double>>& x) {
  std::ofstream out(path, std::ios::binary);
  out << "polite,score,community";
  for (const auto& st : en.strategies) out << ',' << st.id;
  out << '\n';
  for (std::size_t i = 0; i < requests.size(); ++i) {
    out << requests[i].polite << ',' << requests[i].score << ",\"" << requests[i].community << '"';
    for (double v : x[i]) out << ',' << v;
    out << '\n';
  }
  return static_cast<bool>(out);
}

std::string community_name(const std::string& c) {  // "092011 Stack Overflow" -> "Stack Overflow"
  const auto space = c.find(' ');
  return space != std::string::npos && space == 6 ? c.substr(space + 1) : c;
}

}  // namespace

int main(int argc, char** argv) {
  std::string csv = calibration_path("politeness/stack-exchange.annotated.csv").string();
  std::optional<double> fixed_l2;
  bool write = false;
  std::vector<std::string> shows;
  int limit = 15;
  std::string dump_path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--csv" && i + 1 < argc) csv = argv[++i];
    else if (a == "--l2" && i + 1 < argc) fixed_l2 = std::stod(argv[++i]);
    else if (a == "--show" && i + 1 < argc) shows.push_back(argv[++i]);
    else if (a == "--limit" && i + 1 < argc) limit = std::stoi(argv[++i]);
    else if (a == "--dump" && i + 1 < argc) dump_path = argv[++i];
    else if (a == "--write") write = true;
    else {
      std::fprintf(
          stderr,
          "usage: politeness_fit [--csv FILE] [--l2 X] [--show STRATEGY [--limit N]] [--dump FILE.csv] [--write]\n");
      return 2;
    }
  }
  std::string error;
  const auto requests = read_quartiles(csv, error);
  if (!requests) return std::fprintf(stderr, "%s\n", error.c_str()), 1;
  const auto en = load_politeness_file(Language::en, data_path("scoring/lexicons/en-politeness.json").string());
  if (!shows.empty()) {
    for (const auto& id : shows) show(*en, *requests, id, limit);
    return 0;
  }
  const auto x = strategy_presence(*en, *requests);
  const auto y = labels(*requests);
  if (!dump_path.empty() && !dump(dump_path, *en, *requests, x))
    return std::fprintf(stderr, "could not write %s\n", dump_path.c_str()), 1;
  // λ for the weights written: chosen by CV on all the data (the figures below never use it).
  const double l2 = fixed_l2.value_or(choose_l2(x, y));
  const LogisticModel fit = fit_logistic(x, y, l2);
  const NestedResult nested = nested_cross_validated_accuracy(x, y);
  const auto counts = polite_word_counts(*requests);
  const NestedResult baseline = nested_cross_validated_accuracy(counts, y);
  std::vector<std::string> groups;
  for (const auto& r : *requests) groups.push_back(community_name(r.community));
  const GroupedResult by_community = leave_one_group_out(x, y, groups);

  std::printf("%zu requests (top and bottom quartile of %s)\n\n", requests->size(), csv.c_str());
  std::printf("%-22s %8s %8s %8s\n", "strategy", "polite", "impolite", "weight");
  std::size_t polite = 0;
  for (int v : y) polite += static_cast<std::size_t>(v);
  for (std::size_t s = 0; s < en->strategies.size(); ++s) {
    double in_polite = 0, in_impolite = 0;
    for (std::size_t i = 0; i < x.size(); ++i) (y[i] ? in_polite : in_impolite) += x[i][s];
    std::printf("%-22s %7.1f%% %7.1f%% %+8.3f\n", std::string(en->strategies[s].id).c_str(),
                100.0 * in_polite / static_cast<double>(polite),
                100.0 * in_impolite / static_cast<double>(y.size() - polite), fit.weights[s]);
  }
  std::printf("%-22s %17s %+8.3f\n\n", "(intercept)", "", fit.intercept);
  std::string chosen;
  for (double v : nested.l2) chosen += fmt::format("{}{}", chosen.empty() ? "" : " ", v);
  std::printf("nested CV accuracy (10 outer folds, L2 by 5-fold inner CV: %s), strategies: %.3f\n", chosen.c_str(),
              nested.accuracy);
  std::printf("nested CV accuracy, count of 20 polite words (baseline):               %.3f\n", baseline.accuracy);
  std::printf("10-fold CV accuracy at the written L2 %g:                               %.3f\n", l2,
              cross_validated_accuracy(x, y, l2));
  std::printf("in-sample accuracy of the weights in the data file now:                %.3f\n", [&] {
    LogisticModel now;
    now.intercept = en->intercept;
    for (const auto& st : en->strategies) now.weights.push_back(st.weight);
    return accuracy(now, x, y);
  }());
  if (!by_community.groups.empty()) {
    std::printf("\nleave one community out (fit on the others, L2 by inner CV on them):\n");
    for (const auto& g : by_community.groups)
      std::printf("  %-32s %5zu requests  accuracy %.3f  (L2 %g)\n", g.group.c_str(), g.requests, g.accuracy, g.l2);
    std::printf("leave-one-community-out accuracy, pooled over all requests: %.3f\n", by_community.pooled);
  }
  return write ? write_weights(*en, fit, {nested.accuracy, baseline.accuracy, by_community.pooled, l2}) : 0;
}
