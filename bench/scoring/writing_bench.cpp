// Writing-checker benchmark (prints figures, not a test): spelling and grammar of trainee
// replies on one core, with a cold cache (a fresh checker) and a warm one (the same
// checker again). The corpus is what trainees write: the bundled scenarios' model replies
// and self-test replies in both languages, recombined sentence by sentence into fresh
// replies and varied as people type them: typos in about 3 % of the words (a swapped,
// dropped or doubled letter), fresh order numbers and prices, emoji, lower-case starts.
// The customers' lines are the tolerance, as in grading. Usage:
// bench_writing [MESSAGES=20000] [ROUNDS=3]; each figure is the fastest of ROUNDS runs.
#include "bench_clock.h"
#include "chat_corpus.h"
#include "scoring/core/json_doc.h"
#include "scoring/core/paths.h"
#include "scoring/text.h"
#include "scoring/text/spelling.h"

#include <fmt/format.h>

#include <sys/resource.h>

#include <algorithm>
#include <cctype>
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

struct Lines {
  std::vector<std::string> trainee, customer;
};

void collect(const Json& v, bool trainee_side, Lines& out) {
  if (v.is_string()) {
    (trainee_side ? out.trainee : out.customer).push_back(v.get<std::string>());
  } else if (v.is_array()) {
    for (const auto& item : v) collect(item, trainee_side, out);
  }
}

using chatdrill::bench::sentences;
using chatdrill::bench::vary;

struct Corpus {
  std::vector<std::pair<Language, std::string>> messages;
  Tolerance fi_tolerance, en_tolerance;
  std::size_t words = 0, distinct_words = 0;
};

Corpus make_corpus(std::size_t wanted, std::mt19937& rng) {
  std::vector<std::string> fi_pool, en_pool;
  Corpus c;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(data_path("scenarios"), ec)) {
    if (entry.path().extension() != ".json") continue;
    auto parsed = parse_json_file(entry.path().string());
    if (!parsed.doc || !parsed.doc->root.is_object()) continue;
    const Json& root = parsed.doc->root;
    const bool fi = root.value("language", "") == "fi";
    Lines lines;
    // Member k of every object in root[list] (an array or an object), on the given side.
    auto each = [&](const char* list, const char* k, bool trainee_side) {
      if (!root.contains(list)) return;
      for (const Json& item : root[list])
        if (item.is_object() && item.contains(k)) collect(item[k], trainee_side, lines);
    };
    each("model_replies", "text", true);
    if (root.contains("tests"))
      for (const Json& t : root["tests"])
        if (t.is_object() && t.contains("replies"))
          for (const Json& r : t["replies"])
            if (r.is_object() && r.contains("text")) collect(r["text"], true, lines);
    each("nodes", "say", false);
    each("nodes", "say_upset", false);
    for (const auto& l : lines.trainee)
      for (auto& s : sentences(l)) (fi ? fi_pool : en_pool).push_back(std::move(s));
    for (const auto& l : lines.customer) (fi ? c.fi_tolerance : c.en_tolerance).add_words(l);
  }
  std::set<std::string> vocabulary;
  for (std::size_t made = 0; made < wanted && !fi_pool.empty() && !en_pool.empty(); ++made) {
    const bool fi = made % 2 == 0;
    const auto& pool = fi ? fi_pool : en_pool;
    std::string text;
    for (unsigned k = 0, n = 1 + rng() % 3; k < n; ++k) text += (k ? " " : "") + vary(pool[rng() % pool.size()], rng);
    std::size_t from = 0;
    for (std::size_t i = 0; i <= text.size(); ++i)
      if (i == text.size() || text[i] == ' ') {
        if (i > from) ++c.words, vocabulary.insert(text.substr(from, i - from));
        from = i + 1;
      }
    c.messages.emplace_back(fi ? Language::fi : Language::en, std::move(text));
  }
  c.distinct_words = vocabulary.size();
  return c;
}

struct Pass {
  double seconds[2] = {0, 0};  // fi, en
  std::size_t words[2] = {0, 0}, errors = 0;
  double total() const { return seconds[0] + seconds[1]; }
};

std::size_t count_words(const std::string& text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) n += text[i] != ' ' && (i == 0 || text[i - 1] == ' ');
  return n;
}

Pass check_all(const Corpus& c, WritingChecker& fi, WritingChecker& en) {
  std::vector<WritingError> errors;
  Pass p;
  for (const auto& [lang, text] : c.messages) {
    const int k = lang == Language::fi ? 0 : 1;
    const double start = cpu_seconds();
    (k == 0 ? fi : en).check(text, k == 0 ? c.fi_tolerance : c.en_tolerance, errors);
    p.seconds[k] += cpu_seconds() - start;
    p.words[k] += count_words(text);
    p.errors += errors.size();
  }
  return p;
}

void print(const char* label, const Pass& p) {
  const double words = static_cast<double>(p.words[0] + p.words[1]);
  std::printf("%s: %.3f s, %.0f words/s (Finnish %.0f, English %.0f), %zu findings\n", label, p.total(),
              words / p.total(), static_cast<double>(p.words[0]) / p.seconds[0],
              static_cast<double>(p.words[1]) / p.seconds[1], p.errors);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t messages = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 20000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  std::mt19937 rng(11);
  const Corpus corpus = make_corpus(messages, rng);
  std::printf("corpus: %zu replies, %zu words, %zu distinct words (scenario replies recombined, ~3 %% typos)\n",
              corpus.messages.size(), corpus.words, corpus.distinct_words);
  Pass cold, warm;
  cold.seconds[0] = warm.seconds[0] = 1e9;
  double first_open = 0, open = 1e9;
  for (int r = 0; r < std::max(rounds, 1); ++r) {
    const double t0 = cpu_seconds();
    WritingChecker fi(Language::fi), en(Language::en);  // empty caches
    (r == 0 ? first_open : open) = cpu_seconds() - t0;
    if (!fi.available() || !en.available()) std::printf("(a dictionary is missing: figures are meaningless)\n");
    const Pass c = check_all(corpus, fi, en), w = check_all(corpus, fi, en);
    if (c.total() < cold.total()) cold = c;
    if (w.total() < warm.total()) warm = w;
  }
  std::printf("opening both checkers: %.1f ms the first time (Hunspell loads once per process), then %.1f ms\n",
              first_open * 1e3, rounds > 1 ? open * 1e3 : first_open * 1e3);
  print("cold cache (every distinct word looked up, misspelt ones with a suggestion)", cold);
  print("warm cache (dictionary cached; Finnish grammar runs every time)", warm);
  std::printf("memory: max RSS %ld MB\n", max_rss_mb());
  return 0;
}
