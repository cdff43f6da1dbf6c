// Located JSON: parses a document and remembers where every value and key starts, so
// loaders can say `file:14:9: nodes.start.expect[2].goto: unknown node "ofer"`.
// A small parser of our own because nlohmann_json's SAX interface does not report
// positions. It validates UTF-8, rejects duplicate keys and enforces limits.h (size, depth,
// string length, keys per object). Every JSON chatdrill reads goes through it: time and
// memory are linear in the input, and recursion is bounded by k_max_depth.
#pragma once

#include "diagnostic.h"
#include "limits.h"
#include "utf8.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chatdrill::scoring {

using Json = nlohmann::ordered_json;

struct JsonLimits {
  std::size_t max_bytes = k_max_file_bytes;
  int max_depth = k_max_depth;
  std::size_t max_string_bytes = k_max_string_bytes;
  std::size_t max_object_keys = k_max_object_keys;
  bool positions = true;  // false: a fast parse for machine-written files, no locations
};

// Where each value (and each member's key) of a document starts. One small record per
// value, children stored once: memory is linear in the document, never a path per value.
class JsonPositions {
 public:
  struct Node {
    SourcePos pos, key_pos;
    std::uint32_t first_child = 0, child_count = 0;  // into children_
    std::uint32_t key_offset = 0, key_size = 0;      // into keys_, for members
  };
  bool empty() const { return nodes_.empty(); }
  // The node at `path`, or the deepest known ancestor; `exact` says which.
  const Node* find(std::string_view path, bool& exact) const;

  // Building, in document order (the parser's side).
  std::uint32_t add(SourcePos pos, SourcePos key_pos, std::string_view key);
  void set_children(std::uint32_t node, const std::vector<std::uint32_t>& children);
  void finish();  // indexes big objects by key

 private:
  std::vector<Node> nodes_;
  std::vector<std::uint32_t> children_;
  std::string keys_;
  // (object node, key hash) -> member node, for objects too big to scan.
  std::unordered_multimap<std::uint64_t, std::uint32_t> big_objects_;
  std::string_view key_of(const Node& n) const { return std::string_view(keys_).substr(n.key_offset, n.key_size); }
  const Node* member(const Node& object, std::uint32_t object_id, std::string_view key) const;
};

// A parsed document plus the start position of each value and key, found by JSON path.
// Paths: `a.b[2].c`; keys that are not plain identifiers are written `a["odd key"]`.
class JsonDoc {
 public:
  Json root;
  std::string file;
  JsonPositions positions;

  // Position of the value at `path`; walks up to the nearest parent that is known.
  SourcePos pos(const std::string& path) const;
  // Position of the key that names the member at `path` (falls back to the value).
  SourcePos key_pos(const std::string& path) const;
  // A diagnostic located at `path`.
  Diagnostic diag(const std::string& path, std::string message, Severity severity = Severity::error) const;
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

// Whole-file read with a size cap; nullopt and `error` filled on failure. Only regular
// files are read: a folder, FIFO, device or socket is refused without blocking on it.
// `follow_symlinks` false refuses a symbolic link (results folders: see results.h).
std::optional<std::string> read_text_file(const std::string& path, std::string& error,
                                          std::size_t max_bytes = k_max_file_bytes, bool follow_symlinks = true);
// The message for content of `size` bytes over `max_bytes` ("... the 16 MiB limit").
std::string too_big_message(std::size_t size, std::size_t max_bytes);

// The UTF-8 helpers (is_valid_utf8, sanitize_utf8, next_code_point, ...) are in utf8.h.

// Adds a member known not to be in `object` yet (e.g. copied from another object, whose
// keys are unique) in constant time: ordered_json's operator[] searches the members first,
// which is quadratic over an object with 100k keys.
inline void append_new_member(Json& object, const std::string& key, const Json& value) {
  static_cast<Json::object_t::Container&>(object.get_ref<Json::object_t&>()).emplace_back(key, value);
}

// A value as a message quotes it: its JSON text, cut to about 60 bytes ("...") so a
// hostile file's megabyte value is never echoed whole.
std::string quoted_value(const Json& value);

// "a string", "a number", "true/false", "null", "a list", "an object": for messages
// like `must be a list, not a string`.
const char* json_type_name(const Json& value);

}  // namespace chatdrill::scoring
