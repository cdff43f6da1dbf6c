// Reading marker lexicons (`chatdrill.lexicon/1`) from the data files trainers edit.
// Every problem becomes a located diagnostic; a broken file never half-loads.
#include "lexicon.h"
#include "text_internal.h"

#include "core/paths.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>

namespace chatdrill::scoring {

void AffixIndex::add(const std::string& text, int marker) {
  auto& list = by_text[text];
  if (std::find(list.begin(), list.end(), marker) == list.end()) list.push_back(marker);
  if (std::find(lengths.begin(), lengths.end(), text.size()) == lengths.end()) {
    lengths.push_back(text.size());
    std::sort(lengths.begin(), lengths.end());
  }
}

std::vector<std::string> Lexicon::literal_patterns() const {
  std::vector<std::string> out;
  for (const auto& [w, m] : words) out.push_back(w);
  for (const auto& [p, m] : prefixes.by_text) out.push_back(p);
  for (const auto& [p, m] : suffixes.by_text) out.push_back(p);
  for (const auto& ph : phrases) {
    std::string s;
    for (const auto& w : ph.words) s += (s.empty() ? "" : " ") + w.text;
    out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

bool valid_marker_id(std::string_view id) {
  if (id.empty() || id.front() == '.' || id.back() == '.' || id.find('.') == std::string_view::npos) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || c == '_' || c == '.')) return false;
  return true;
}

void add_index(std::unordered_map<std::string, std::vector<int>>& map, const std::string& key, int marker) {
  auto& list = map[key];
  if (std::find(list.begin(), list.end(), marker) == list.end()) list.push_back(marker);
}

struct EntryReader {
  const JsonDoc& doc;
  const TextAnalyzer& analyzer;
  Diagnostics& diagnostics;
  Lexicon& lex;

  // The entry's strings, each folded; a non-string or empty string is a diagnostic.
  std::vector<std::string> strings(const Json& list, const std::string& path) {
    std::vector<std::string> out;
    if (!list.is_array()) {
      diagnostics.push_back(doc.diag(path, "must be a list of strings"));
      return out;
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string p = element_path(path, i);
      if (!list[i].is_string() || list[i].get<std::string>().empty()) {
        diagnostics.push_back(doc.diag(p, "must be a non-empty string"));
        continue;
      }
      out.push_back(analyzer.fold(list[i].get<std::string>()));
    }
    return out;
  }

  void add_phrase(const std::string& text, int marker, const std::string& path) {
    Phrase ph{marker, {}};
    for (const auto& t : analyzer.tokenize(text)) {
      PhraseWord w{std::string(t.folded), false, -1};
      if (t.end < text.size() && text[t.end] == '*') w.prefix = true;
      if (!w.prefix)
        w.id = lex.phrase_words.try_emplace(w.text, static_cast<int>(lex.phrase_words.size())).first->second;
      ph.words.push_back(std::move(w));
    }
    if (ph.words.empty()) {
      diagnostics.push_back(doc.diag(path, fmt::format("\"{}\" has no words", text)));
      return;
    }
    const int index = static_cast<int>(lex.phrases.size());
    if (ph.words.front().prefix) lex.phrases_by_first_prefix.add(ph.words.front().text, index);
    else add_index(lex.phrases_by_first, ph.words.front().text, index);
    lex.phrases.push_back(std::move(ph));
  }

  void add_word(const std::string& text, int marker, const std::string& path) {
    const auto tokens = analyzer.tokenize(text);
    if (tokens.size() != 1 || tokens[0].begin != 0 || tokens[0].end != text.size()) {
      diagnostics.push_back(doc.diag(path, fmt::format("\"{}\" is not one word; put it under \"phrases\"", text)));
      return;
    }
    add_index(lex.words, std::string(tokens[0].folded), marker);
  }

  void add_unless(const std::string& text, int marker, const std::string& path) {
    if (text == k_unless_number) {  // any number: "14 päivää" is no greeting
      lex.unless_after[static_cast<std::size_t>(marker)].emplace_back(k_unless_number);
      return;
    }
    const auto tokens = analyzer.tokenize(text);
    if (tokens.size() != 1) {
      diagnostics.push_back(doc.diag(path, fmt::format("\"{}\" is not one word", text)));
      return;
    }
    lex.unless_after[static_cast<std::size_t>(marker)].emplace_back(tokens[0].folded);
  }

  void entry(const std::string& id, const Json& body, const std::string& path) {
    if (!valid_marker_id(id)) {
      diagnostics.push_back(Diagnostic{doc.file, doc.key_pos(path), path,
                                       fmt::format("marker id \"{}\" must look like \"courtesy.gratitude\"", id)});
      return;
    }
    if (!body.is_object()) {
      diagnostics.push_back(doc.diag(path, "must be an object with words, phrases, stems, prefixes or suffixes"));
      return;
    }
    const int marker = static_cast<int>(lex.ids.size());
    lex.ids.push_back(intern_id(id));
    lex.unless_after.emplace_back();
    for (const auto& [key, value] : body.items()) {
      const std::string p = member_path(path, key);
      if (!key.empty() && (key[0] == '_' || key[0] == '$')) continue;
      const auto list = strings(value, p);
      for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string& s = list[i];
        const std::string ep = element_path(p, i);
        if (key == "words") add_word(s, marker, ep);
        else if (key == "phrases") add_phrase(s, marker, ep);
        else if (key == "stems") {
          add_index(lex.stems, s, marker);
          add_index(lex.stems, analyzer.stem(s), marker);
        } else if (key == "prefixes") lex.prefixes.add(s, marker);
        else if (key == "suffixes") lex.suffixes.add(s, marker);
        else if (key == "unless_after") add_unless(s, marker, ep);
        else {
          diagnostics.push_back(doc.diag(
              p, fmt::format("unknown field \"{}\" (words, phrases, stems, prefixes, suffixes, unless_after)", key)));
          break;
        }
      }
    }
  }
};

template <typename Map>
bool any_key_has_digit(const Map& map) {
  for (const auto& entry : map)
    if (std::any_of(entry.first.begin(), entry.first.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
  return false;
}

}  // namespace

Lexicon lexicon_from_doc(const JsonDoc& doc, Language language, const TextAnalyzer& analyzer,
                         Diagnostics& diagnostics) {
  Lexicon lex;
  lex.language = language;
  lex.file = doc.file;
  const Json& root = doc.root;
  if (!root.is_object()) {
    diagnostics.push_back(doc.diag("", "must be an object with \"format\", \"language\" and \"markers\""));
    return lex;
  }
  if (!root.contains("format") || root["format"] != k_lexicon_format)
    diagnostics.push_back(
        doc.diag(root.contains("format") ? "format" : "", fmt::format("\"format\" must be \"{}\"", k_lexicon_format)));
  if (!root.contains("language") || root["language"] != language_code(language))
    diagnostics.push_back(doc.diag(root.contains("language") ? "language" : "",
                                   fmt::format("\"language\" must be \"{}\"", language_code(language))));
  for (const auto& [key, value] : root.items()) {
    if (key != "format" && key != "language" && key != "markers" && key[0] != '_' && key[0] != '$')
      diagnostics.push_back(doc.diag(key, fmt::format("unknown field \"{}\"", key)));
  }
  if (!root.contains("markers") || !root["markers"].is_object()) {
    diagnostics.push_back(
        doc.diag(root.contains("markers") ? "markers" : "", "\"markers\" must be an object of marker ids"));
    return lex;
  }
  EntryReader reader{doc, analyzer, diagnostics, lex};
  for (const auto& [id, body] : root["markers"].items()) {
    if (!id.empty() && (id[0] == '_' || id[0] == '$')) continue;
    reader.entry(id, body, member_path("markers", id));
  }
  lex.has_digit_entry = any_key_has_digit(lex.words) || any_key_has_digit(lex.stems) ||
                        any_key_has_digit(lex.prefixes.by_text) || any_key_has_digit(lex.suffixes.by_text) ||
                        any_key_has_digit(lex.phrase_words) || any_key_has_digit(lex.phrases_by_first) ||
                        any_key_has_digit(lex.phrases_by_first_prefix.by_text);
  return lex;
}

std::shared_ptr<const Lexicon> load_lexicon_file(Language language, const std::string& path,
                                                 std::shared_ptr<const Morphology> morphology) {
  return detail::read_language_data<Lexicon>(language, path, lexicon_from_doc, std::move(morphology));
}

std::string_view intern_id(std::string_view id) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> ids;  // nodes never move: views stay valid
  std::lock_guard lock(mutex);
  auto it = ids.find(id);
  if (it == ids.end()) it = ids.emplace(id).first;
  return *it;
}

std::shared_ptr<const Lexicon> load_lexicon(Language language) {
  return detail::once_per_language<Lexicon>(
      language, "scoring/lexicons/{}.json",
      [](Language l, const std::string& path) { return load_lexicon_file(l, path); });
}

}  // namespace chatdrill::scoring
