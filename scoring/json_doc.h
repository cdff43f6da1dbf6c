// Located JSON: parses a document and remembers where every value and key starts, so
// loaders can say `file:14:9: nodes.start.expect[2].goto: unknown node "ofer"`.
// A small parser of our own because nlohmann_json's SAX interface does not report
// positions. It validates UTF-8, rejects duplicate keys, and caps size and depth.
#pragma once

#include "diagnostic.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace chatdrill::scoring {

using Json = nlohmann::ordered_json;

struct JsonLimits {
  std::size_t max_bytes = 16u * 1024u * 1024u;
  int max_depth = 64;
};

// A parsed document plus the start position of each value (and each key, under
// `path` + "#key") keyed by JSON path. Paths: `a.b[2].c`; keys that are not plain
// identifiers are written `a["odd key"]`.
class JsonDoc {
 public:
  Json root;
  std::string file;

  // Position of the value at `path`; walks up to the nearest parent that is known.
  SourcePos pos(const std::string& path) const;
  // Position of the key that names the member at `path` (falls back to the value).
  SourcePos key_pos(const std::string& path) const;
  // A diagnostic located at `path`.
  Diagnostic diag(const std::string& path, std::string message, Severity severity = Severity::error) const;

  void remember(const std::string& path, SourcePos p) { positions_[path] = p; }

 private:
  std::unordered_map<std::string, SourcePos> positions_;
};

// Builds child paths: member(path, "goto"), element(path, 2).
std::string member_path(const std::string& parent, std::string_view key);
std::string element_path(const std::string& parent, std::size_t index);

struct JsonParse {
  std::optional<JsonDoc> doc;
  std::optional<Diagnostic> error;  // set when doc is empty
};

JsonParse parse_json(std::string_view text, const std::string& file, JsonLimits limits = {});
// Reads and parses a file; a missing or unreadable file is a diagnostic too.
JsonParse parse_json_file(const std::string& path, JsonLimits limits = {});

// Whole-file read with a size cap; nullopt and `error` filled on failure.
std::optional<std::string> read_text_file(const std::string& path, std::string& error,
                                          std::size_t max_bytes = 16u * 1024u * 1024u);

// True if `text` is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view text);
// Replaces invalid sequences with U+FFFD so text from outside can be shown and stored.
std::string sanitize_utf8(std::string_view text);
// Decodes the code point at text[i] and moves i past it; an invalid sequence gives
// U+FFFD and moves one byte. Requires i < text.size().
std::uint32_t next_code_point(std::string_view text, std::size_t& i);
void append_utf8(std::string& out, std::uint32_t code_point);

// "a string", "a number", "true/false", "null", "a list", "an object": for messages
// like `must be a list, not a string`.
const char* json_type_name(const Json& value);

}  // namespace chatdrill::scoring
