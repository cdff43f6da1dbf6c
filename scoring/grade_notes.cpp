// Loads a notes file (`chatdrill.notes/1`): the text of every grader note by key.
#include "grade_notes.h"

#include "core/json_doc.h"

#include <fmt/format.h>

#include <stdexcept>

namespace chatdrill::scoring::detail {

namespace {
std::optional<std::size_t> note_index(std::string_view key) {
  for (std::size_t k = 0; k < k_note_count; ++k)
    if (k_note_keys[k] == key) return k;
  return std::nullopt;
}
}  // namespace

Notes Notes::load_file(Language language, const std::string& path) {
  auto parsed = parse_json_file(path);
  if (!parsed.doc) throw std::runtime_error(parsed.error->to_string());
  const JsonDoc& doc = *parsed.doc;
  const Json& root = doc.root;
  Diagnostics diagnostics;
  Notes notes;
  notes.language_ = language;
  notes.texts_.resize(k_note_count);
  if (!root.is_object()) {
    diagnostics.push_back(doc.diag("", "must be an object with \"format\", \"language\" and \"notes\""));
    throw_if_errors(diagnostics);
  }
  if (!root.contains("format") || root["format"] != k_notes_format)
    diagnostics.push_back(
        doc.diag(root.contains("format") ? "format" : "", fmt::format("\"format\" must be \"{}\"", k_notes_format)));
  if (!root.contains("language") || root["language"] != language_code(language))
    diagnostics.push_back(doc.diag(root.contains("language") ? "language" : "",
                                   fmt::format("\"language\" must be \"{}\"", language_code(language))));
  for (const auto& [key, value] : root.items())
    if (key != "format" && key != "language" && key != "notes" && key[0] != '_' && key[0] != '$')
      diagnostics.push_back(doc.diag(key, fmt::format("unknown field \"{}\"", key)));
  if (!root.contains("notes") || !root["notes"].is_object()) {
    diagnostics.push_back(doc.diag(root.contains("notes") ? "notes" : "", "\"notes\" must be an object of note keys"));
    throw_if_errors(diagnostics);
  }
  std::vector<char> seen(k_note_count, 0);
  for (const auto& [key, value] : root["notes"].items()) {
    const std::string at = member_path("notes", key);
    const auto index = note_index(key);
    if (!index) {
      diagnostics.push_back(
          doc.diag(at, fmt::format("unknown note \"{}\" (the keys are in scoring/grade_notes.h)", key)));
      continue;
    }
    if (!value.is_string()) {
      diagnostics.push_back(doc.diag(at, "a note must be a string"));
      continue;
    }
    seen[*index] = 1;
    notes.texts_[*index] = value.get<std::string>();
  }
  for (std::size_t k = 0; k < k_note_count; ++k)
    if (!seen[k]) diagnostics.push_back(doc.diag("notes", fmt::format("note \"{}\" is missing", k_note_keys[k])));
  throw_if_errors(diagnostics);
  return notes;
}

}  // namespace chatdrill::scoring::detail
