// Chats as trainees write them, for the scoring benchmarks (not a test): the bundled
// scenarios' lines recombined into fresh replies and typed as people type. A benchmark of
// a grader with caches must not grade the same forty lines again and again; this corpus
// repeats only what real chats repeat (stock sentences, common words). Header-only.
#pragma once

#include "scoring/core/json_doc.h"
#include "scoring/core/paths.h"
#include "scoring/transcript.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace chatdrill::bench {

// One scenario's lines: what its customer says, what trainees answer (model replies, test
// replies and the examples of what each node expects), cut into sentences.
struct ScenarioLines {
  bool fi = false;
  std::string first_name;  // the persona's first name, replaced by another in each chat
  std::vector<std::string> customer, trainee_sentences;
};

inline void collect_strings(const scoring::Json& v, std::vector<std::string>& out) {
  if (v.is_string()) out.push_back(v.get<std::string>());
  else if (v.is_array())
    for (const auto& item : v) collect_strings(item, out);
}

// Sentences of a line: cut after . ! ? followed by a space.
inline std::vector<std::string> sentences(const std::string& line) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t i = 0; i + 1 < line.size(); ++i)
    if ((line[i] == '.' || line[i] == '!' || line[i] == '?') && line[i + 1] == ' ') {
      out.push_back(line.substr(from, i + 1 - from));
      from = i + 2;
    }
  if (from < line.size()) out.push_back(line.substr(from));
  return out;
}

inline std::vector<ScenarioLines> load_scenario_lines() {
  std::vector<ScenarioLines> out;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(scoring::data_path("scenarios"), ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());  // the same corpus whatever the directory order
  for (const auto& file : files) {
    auto parsed = scoring::parse_json_file(file.string());
    if (!parsed.doc || !parsed.doc->root.is_object() || !parsed.doc->root.contains("nodes")) continue;
    const scoring::Json& root = parsed.doc->root;
    ScenarioLines s;
    s.fi = root.value("language", "") == "fi";
    std::vector<std::string> trainee;
    if (root.contains("persona") && root["persona"].is_object()) {
      const scoring::Json& p = root["persona"];
      const std::string name = p.value("name", "");
      s.first_name = name.substr(0, name.find(' '));
      for (const char* k : {"nudges", "leave"})
        if (p.contains(k)) collect_strings(p[k], s.customer);
    }
    for (const auto& [id, node] : root["nodes"].items()) {
      if (!node.is_object()) continue;
      for (const char* k : {"say", "say_upset"})
        if (node.contains(k)) collect_strings(node[k], s.customer);
      if (node.contains("expect") && node["expect"].is_array())
        for (const auto& e : node["expect"])
          if (e.is_object() && e.contains("examples")) collect_strings(e["examples"], trainee);
    }
    if (root.contains("model_replies"))
      for (const auto& r : root["model_replies"])
        if (r.is_object() && r.contains("text")) collect_strings(r["text"], trainee);
    if (root.contains("tests"))
      for (const auto& t : root["tests"])
        if (t.is_object() && t.contains("replies"))
          for (const auto& r : t["replies"])
            if (r.is_object() && r.contains("text")) collect_strings(r["text"], trainee);
    for (const auto& line : trainee)
      for (auto& sentence : sentences(line)) s.trainee_sentences.push_back(std::move(sentence));
    if (!s.customer.empty() && !s.trainee_sentences.empty()) out.push_back(std::move(s));
  }
  return out;
}

inline bool ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A word typed as people type: a swapped, dropped or doubled ASCII letter.
inline std::string typo(std::string w, std::mt19937& rng) {
  if (w.size() < 4) return w;
  const std::size_t at = 1 + rng() % (w.size() - 2);
  if (!ascii_letter(w[at]) || !ascii_letter(w[at - 1])) return w;
  switch (rng() % 3) {
    case 0: std::swap(w[at], w[at - 1]); break;
    case 1: w.erase(at, 1); break;
    default: w.insert(at, 1, w[at]); break;
  }
  return w;
}

// A sentence as typed: typos in ~3 % of the words, a code or a price in ~3 %, a lower-case
// start in one of three, an emoji in one of ten.
inline std::string vary(const std::string& sentence, std::mt19937& rng) {
  static const char* emoji[] = {" 😊", " 🙂", " :)", " 👍"};
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    const unsigned roll = rng() % 100;
    if (roll < 3) word = typo(word, rng);
    else if (roll < 5) word = fmt::format("AB-{}", 10000 + rng() % 90000);
    else if (roll < 6) word = fmt::format("{},{:02} €", rng() % 500, rng() % 100);
    out += word;
    word.clear();
  };
  for (char c : sentence) {
    if (c == ' ') flush(), out += ' ';
    else word += c;
  }
  flush();
  if (!out.empty() && rng() % 3 == 0 && ascii_letter(out[0])) out[0] = static_cast<char>(std::tolower(out[0]));
  if (rng() % 10 == 0) out += emoji[rng() % 4];
  return out;
}

// A slip the grammar checker catches, in ~1 sentence in 50: a word typed twice or a space
// before the full stop.
inline std::string slip(std::string s, std::mt19937& rng) {
  if (rng() % 50 != 0) return s;
  const std::size_t a = s.find(' '), b = a == std::string::npos ? a : s.find(' ', a + 1);
  if (rng() % 2 == 0 && b != std::string::npos)
    return s.substr(0, b) + s.substr(a, b - a) + s.substr(b);  // "asian asian"
  if (!s.empty() && (s.back() == '.' || s.back() == '?')) s.insert(s.size() - 1, " ");
  return s;
}

// Numbers of four or more digits (order, case and phone numbers) replaced by fresh ones,
// the same within one chat, so the trainee can still repeat the customer's number.
inline std::string fresh_numbers(const std::string& line, std::map<std::string, std::string>& chosen,
                                 std::mt19937& rng) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (!std::isdigit(static_cast<unsigned char>(line[i]))) {
      out += line[i++];
      continue;
    }
    std::size_t j = i;
    while (j < line.size() && std::isdigit(static_cast<unsigned char>(line[j]))) ++j;
    const std::string run = line.substr(i, j - i);
    if (run.size() < 4) {
      out += run;
    } else {
      auto [it, fresh] = chosen.emplace(run, std::string());
      if (fresh) {
        it->second = std::to_string(1 + rng() % 9);
        while (it->second.size() < run.size()) it->second += static_cast<char>('0' + rng() % 10);
      }
      out += it->second;
    }
    i = j;
  }
  return out;
}

inline std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

// Chats of 6-14 messages, customer first, alternating, each following one scenario (Finnish
// and English alternately): the customer's lines with fresh numbers and another first
// name; replies of 1-3 of the scenario's trainee sentences (sometimes of another scenario
// in the same language: a template sent whatever the customer says), typed as people type.
inline std::vector<scoring::Transcript> scenario_chats(std::size_t messages, std::mt19937& rng, std::size_t& bytes) {
  static const char* names_fi[] = {"Pirjo", "Matti", "Aino",  "Juha",  "Satu",
                                   "Mikko", "Leena", "Ville", "Tiina", "Kari"};
  static const char* names_en[] = {"Sarah", "James", "Emily", "David", "Laura",
                                   "Tom",   "Grace", "Peter", "Anna",  "Mark"};
  const std::vector<ScenarioLines> all = load_scenario_lines();
  std::vector<const ScenarioLines*> by_language[2];
  for (const auto& s : all) by_language[s.fi ? 0 : 1].push_back(&s);
  std::vector<scoring::Transcript> corpus;
  bytes = 0;
  if (by_language[0].empty() || by_language[1].empty()) return corpus;
  for (std::size_t made = 0; made < messages;) {
    const bool fi = corpus.size() % 2 == 0;
    const auto& pool = by_language[fi ? 0 : 1];
    const ScenarioLines& s = *pool[rng() % pool.size()];
    const std::string name = fi ? names_fi[rng() % 10] : names_en[rng() % 10];
    std::map<std::string, std::string> numbers;
    scoring::Transcript t;
    t.language = fi ? "fi" : "en";
    t.extra["customer_name"] = name;
    double at = 0;
    const std::size_t length = 6 + rng() % 9;
    for (std::size_t k = 0; k < length && made < messages; ++k, ++made) {
      const bool customer = k % 2 == 0;
      at += static_cast<double>(5 + rng() % 115);
      std::string text;
      if (customer) {
        text = s.customer[rng() % s.customer.size()];
      } else {
        const ScenarioLines& from = rng() % 10 == 0 ? *pool[rng() % pool.size()] : s;
        for (unsigned n = 0, count = 1 + rng() % 3; n < count; ++n)
          text += (n ? " " : "") + slip(vary(from.trainee_sentences[rng() % from.trainee_sentences.size()], rng), rng);
      }
      text = replace_all(fresh_numbers(text, numbers, rng), s.first_name, name);
      bytes += text.size();
      t.messages.push_back(
          scoring::Message{customer ? "customer" : "trainee", "message", at, std::move(text), scoring::Json::object()});
    }
    corpus.push_back(std::move(t));
  }
  return corpus;
}

}  // namespace chatdrill::bench
