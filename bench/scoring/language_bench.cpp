// Language-layer benchmark (prints figures, not a test): analyses (words, morphology,
// clauses, concepts, moves, markers) a corpus with real vocabulary on one core, with a cold
// word cache (a fresh analyser) and a warm one (the same analyser again), and a 500-character
// draft cold and warm. The corpus: every line of the bundled scenarios (customer lines, model
// replies, self-test replies, examples, briefs) in both languages, plus variants of them in
// which words get Finnish case endings, one-letter typos and fresh numbers, so the
// vocabulary is many thousands of distinct words, as a class produces, not a repeated few.
// Targets: >= 200,000 messages/s warm, < 50 us per warm draft. Usage:
// bench_language [MESSAGES=200000] [ROUNDS=3]; each figure is the fastest of ROUNDS runs.
#include "bench_clock.h"
#include "scoring/core/json_doc.h"
#include "scoring/core/paths.h"
#include "scoring/text.h"

#include <fmt/format.h>

#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace chatdrill::scoring;

namespace {

using chatdrill::bench::cpu_seconds;
using chatdrill::bench::max_rss_mb;

// Every string of a scenario file that a person wrote as chat text.
void collect_strings(const Json& v, std::vector<std::string>& out) {
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    if (s.find(' ') != std::string::npos && s.size() > 8) out.push_back(s);
  } else if (v.is_array() || v.is_object()) {
    for (const auto& item : v) collect_strings(item, out);
  }
}

std::vector<std::string> split_words(const std::string& line) {
  std::vector<std::string> words;
  std::string w;
  for (char c : line) {
    if (c == ' ') {
      if (!w.empty()) words.push_back(w);
      w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) words.push_back(w);
  return words;
}

// A word changed as people change words in chat: an ending, a typo, a number.
std::string vary(std::string w, bool fi, std::mt19937& rng) {
  static const std::vector<std::string> endings = {"n",   "a",  "lla", "ssa", "sta", "lle",
                                                   "ksi", "ni", "nne", "kin", "ko"};
  static const std::vector<std::string> en_endings = {"s", "ed", "ing", "er", "'s"};
  switch (rng() % 4) {
    case 0: return w + (fi ? endings[rng() % endings.size()] : en_endings[rng() % en_endings.size()]);
    case 1: {
      if (w.size() < 4) return w;
      const std::size_t at = 1 + rng() % (w.size() - 2);
      if ((static_cast<unsigned char>(w[at]) & 0x80) || (static_cast<unsigned char>(w[at - 1]) & 0x80)) return w;
      std::swap(w[at], w[at - 1]);  // a transposition typo
      return w;
    }
    case 2: return std::to_string(10000 + rng() % 900000);
    default: return w;
  }
}

struct Corpus {
  std::vector<std::pair<Language, std::string>> messages;
  std::size_t bytes = 0, distinct_words = 0;
};

Corpus make_corpus(std::size_t wanted, std::mt19937& rng) {
  std::vector<std::string> fi_lines, en_lines;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(data_path("scenarios"), ec)) {
    if (entry.path().extension() != ".json") continue;
    auto parsed = parse_json_file(entry.path().string());
    if (!parsed.doc || !parsed.doc->root.is_object()) continue;
    const bool fi = parsed.doc->root.value("language", "") == "fi";
    collect_strings(parsed.doc->root, fi ? fi_lines : en_lines);
  }
  Corpus c;
  std::set<std::string> vocabulary;
  for (std::size_t made = 0; made < wanted && !(fi_lines.empty() && en_lines.empty()); ++made) {
    const bool fi = made % 2 == 0 ? !fi_lines.empty() : en_lines.empty();
    const auto& lines = fi ? fi_lines : en_lines;
    auto words = split_words(lines[rng() % lines.size()]);
    // Most messages are varied: a fresh mix of endings, typos and numbers.
    if (rng() % 4 != 0)
      for (auto& w : words)
        if (rng() % 3 == 0) w = vary(w, fi, rng);
    std::string text;
    for (const auto& w : words) {
      text += (text.empty() ? "" : " ") + w;
      if (vocabulary.size() < 2000000) vocabulary.insert(w);
    }
    c.bytes += text.size();
    c.messages.emplace_back(fi ? Language::fi : Language::en, std::move(text));
  }
  c.distinct_words = vocabulary.size();
  return c;
}

double analyse_all(const Corpus& c, TextAnalyzer& fi, TextAnalyzer& en) {
  Analysis a;
  std::size_t sink = 0;
  const double start = cpu_seconds();
  for (const auto& [lang, text] : c.messages) {
    (lang == Language::fi ? fi : en).analyze(text, a);
    sink += a.moves.size() + a.concepts.size();
  }
  const double took = cpu_seconds() - start;
  if (sink == 0) std::printf("(no moves or concepts found)\n");
  return took;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t messages = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 200000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  std::mt19937 rng(7);
  const Corpus corpus = make_corpus(messages, rng);
  std::printf("corpus: %zu messages, %.1f MB, %zu distinct words (scenario texts and variants)\n",
              corpus.messages.size(), static_cast<double>(corpus.bytes) / 1e6, corpus.distinct_words);
  double cold = 1e9, warm = 1e9;
  for (int r = 0; r < std::max(rounds, 1); ++r) {
    TextAnalyzer fi(Language::fi), en(Language::en);  // empty word caches
    cold = std::min(cold, analyse_all(corpus, fi, en));
    warm = std::min(warm, analyse_all(corpus, fi, en));
  }
  const double n = static_cast<double>(corpus.messages.size());
  std::printf("analysis, cold word cache: %.3f s, %.0f messages/s\n", cold, n / cold);
  std::printf("analysis, warm word cache: %.3f s, %.0f messages/s (target >= 200000)\n", warm, n / warm);

  // A 500-character draft, as the live hint analyses it while the trainee types.
  std::string draft;
  while (draft.size() < 500) draft += corpus.messages[rng() % corpus.messages.size()].second + " ";
  draft.resize(500);
  while (!draft.empty() && (static_cast<unsigned char>(draft.back()) & 0xC0) == 0x80) draft.pop_back();
  if (!draft.empty() && (static_cast<unsigned char>(draft.back()) & 0x80)) draft.pop_back();
  double draft_cold = 1e9, draft_warm = 1e9;
  for (int r = 0; r < 20; ++r) {
    TextAnalyzer fresh(Language::fi);
    Analysis a;
    double t0 = cpu_seconds();
    fresh.analyze(draft, a);
    draft_cold = std::min(draft_cold, cpu_seconds() - t0);
    t0 = cpu_seconds();
    for (int k = 0; k < 100; ++k) fresh.analyze(draft, a);
    draft_warm = std::min(draft_warm, (cpu_seconds() - t0) / 100);
  }
  std::printf("500-character draft: cold %.1f us, warm %.1f us (target < 50 us warm)\n", draft_cold * 1e6,
              draft_warm * 1e6);
  std::printf("memory: max RSS %ld MB\n", max_rss_mb());
  return 0;
}
