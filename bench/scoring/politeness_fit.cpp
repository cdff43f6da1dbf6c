// politeness_fit: fits the English politeness strategies' weights on the Stanford
// Politeness Corpus (Stack Exchange part, ../shared/calibration/), prints the 10-fold
// cross-validated accuracy of telling the top quartile from the bottom one, beside the
// baseline of counting twenty polite words, and with --write puts the weights into
// scoring/lexicons/en-politeness.json and, through each strategy's "as", fi-politeness.json.
//
//   politeness_fit [--csv FILE] [--l2 X] [--write]
#include "scoring/json_doc.h"
#include "scoring/paths.h"
#include "scoring/politeness_fit.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>
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

int write_weights(const PolitenessModel& en, const LogisticModel& fit, double cv, double baseline, double l2) {
  const std::string en_path = data_path("scoring/lexicons/en-politeness.json").string();
  const std::string fi_path = data_path("scoring/lexicons/fi-politeness.json").string();
  std::string error;
  auto en_text = read_text_file(en_path, error);
  auto fi_text = read_text_file(fi_path, error);
  if (!en_text || !fi_text) return std::fprintf(stderr, "%s\n", error.c_str()), 1;
  std::map<std::string, std::string> weight_of;
  bool ok = replace_number(*en_text, 0, "intercept", number(fit.intercept)) &&
            replace_number(*en_text, 0, "cv_accuracy", number(cv)) &&
            replace_number(*en_text, 0, "baseline_accuracy", number(baseline)) &&
            replace_number(*en_text, 0, "l2", fmt::format("{}", l2));
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

// Accuracy on each community when trained on the others (the paper's cross-domain test).
void by_community(const std::vector<JudgedRequest>& requests, const std::vector<std::vector<double>>& x,
                  const std::vector<int>& y, double l2) {
  std::set<std::string> communities;
  for (const auto& r : requests) communities.insert(r.community);
  if (communities.size() < 2) return;
  for (const auto& c : communities) {
    std::vector<std::vector<double>> train_x, test_x;
    std::vector<int> train_y, test_y;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const bool test = requests[i].community == c;
      (test ? test_x : train_x).push_back(x[i]);
      (test ? test_y : train_y).push_back(y[i]);
    }
    if (test_x.size() < 50) continue;
    std::printf("  trained on the others, tested on %-32s %5zu requests  accuracy %.3f\n", c.c_str(), test_x.size(),
                accuracy(fit_logistic(train_x, train_y, l2), test_x, test_y));
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string csv = calibration_path("politeness/stack-exchange.annotated.csv").string();
  double l2 = 1.0;
  bool write = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--csv" && i + 1 < argc) csv = argv[++i];
    else if (a == "--l2" && i + 1 < argc) l2 = std::stod(argv[++i]);
    else if (a == "--write") write = true;
    else {
      std::fprintf(stderr, "usage: politeness_fit [--csv FILE] [--l2 X] [--write]\n");
      return 2;
    }
  }
  std::string error;
  const auto requests = read_quartiles(csv, error);
  if (!requests) return std::fprintf(stderr, "%s\n", error.c_str()), 1;
  const auto en = load_politeness_file(Language::en, data_path("scoring/lexicons/en-politeness.json").string());
  const auto x = strategy_presence(*en, *requests);
  const auto y = labels(*requests);
  const LogisticModel fit = fit_logistic(x, y, l2);
  const double cv = cross_validated_accuracy(x, y, l2);
  const auto counts = polite_word_counts(*requests);
  const double baseline = cross_validated_accuracy(counts, y, l2);

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
  std::printf("10-fold cross-validated accuracy, strategies (L2 %g): %.3f\n", l2, cv);
  std::printf("10-fold cross-validated accuracy, count of 20 polite words: %.3f\n", baseline);
  std::printf("in-sample accuracy of the weights in the data file now: %.3f\n", [&] {
    LogisticModel now;
    now.intercept = en->intercept;
    for (const auto& st : en->strategies) now.weights.push_back(st.weight);
    return accuracy(now, x, y);
  }());
  by_community(*requests, x, y, l2);
  return write ? write_weights(*en, fit, cv, baseline, l2) : 0;
}
