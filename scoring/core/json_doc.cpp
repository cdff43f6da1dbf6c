// Located JSON: paths, positions and UTF-8; the parser is in json_parse.cpp. See json_doc.h.
#include "json_doc.h"

#include <stdexcept>

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>

namespace chatdrill::scoring {

std::string Diagnostic::to_string() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (pos.line > 0) out += fmt::format(":{}:{}", pos.line, pos.col);
  out += ": ";
  if (!path.empty()) out += path + ": ";
  if (severity == Severity::warning) out += "warning: ";
  out += message;
  return out;
}

bool has_errors(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::error) return true;
  return false;
}

void throw_if_errors(const Diagnostics& diagnostics) {
  if (!has_errors(diagnostics)) return;
  std::string message;
  for (const auto& d : diagnostics) message += (message.empty() ? "" : "\n") + d.to_string();
  throw std::runtime_error(message);
}

static bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '$';
    if (!ok) return false;
  }
  return true;
}

std::string member_path(const std::string& parent, std::string_view key) {
  if (is_identifier(key)) return parent.empty() ? std::string(key) : parent + "." + std::string(key);
  return parent + "[" + Json(std::string(key)).dump(-1, ' ', false, Json::error_handler_t::replace) + "]";
}

std::string element_path(const std::string& parent, std::size_t index) { return fmt::format("{}[{}]", parent, index); }

// ---------------------------------------------------------------------------------------
// Positions

namespace {

constexpr std::uint32_t k_scan_limit = 16;  // objects with more members get a hash index

std::uint64_t member_hash(std::uint32_t object, std::string_view key) {
  return std::hash<std::string_view>{}(key)*0x9E3779B97F4A7C15ull ^ object;
}

// One step of a path: a member name or an element index.
struct PathStep {
  bool element = false;
  std::size_t index = 0;
  std::string key;
};

// Reads the step at path[i] (after an optional '.'); false when the path is malformed.
bool next_step(std::string_view path, std::size_t& i, PathStep& step) {
  step = PathStep{};
  if (path[i] == '.') ++i;
  if (i < path.size() && path[i] == '[') {
    ++i;
    if (i < path.size() && path[i] == '"') {  // ["odd key"], written by member_path
      ++i;
      while (i < path.size() && path[i] != '"') {
        if (path[i] != '\\') {
          step.key += path[i++];
          continue;
        }
        if (++i >= path.size()) return false;
        const char e = path[i++];
        switch (e) {
          case 'b': step.key += '\b'; break;
          case 'f': step.key += '\f'; break;
          case 'n': step.key += '\n'; break;
          case 'r': step.key += '\r'; break;
          case 't': step.key += '\t'; break;
          case 'u': {
            if (i + 4 > path.size()) return false;
            std::uint32_t cp = 0;
            if (std::from_chars(path.data() + i, path.data() + i + 4, cp, 16).ptr != path.data() + i + 4) return false;
            i += 4;
            append_utf8(step.key, cp);  // dump() escapes only control characters this way
            break;
          }
          default: step.key += e;
        }
      }
      if (i >= path.size() || path[i] != '"') return false;
      ++i;
    } else {
      step.element = true;
      const auto r = std::from_chars(path.data() + i, path.data() + path.size(), step.index);
      if (r.ec != std::errc()) return false;
      i = static_cast<std::size_t>(r.ptr - path.data());
    }
    if (i >= path.size() || path[i] != ']') return false;
    ++i;
    return true;
  }
  const std::size_t end = path.find_first_of(".[", i);
  step.key = std::string(path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
  i = end == std::string_view::npos ? path.size() : end;
  return true;
}

}  // namespace

std::uint32_t JsonPositions::add(SourcePos pos, SourcePos key_pos, std::string_view key) {
  Node n;
  n.pos = pos;
  n.key_pos = key_pos;
  n.key_offset = static_cast<std::uint32_t>(keys_.size());
  n.key_size = static_cast<std::uint32_t>(key.size());
  keys_.append(key);
  nodes_.push_back(n);
  return static_cast<std::uint32_t>(nodes_.size() - 1);
}

void JsonPositions::set_children(std::uint32_t node, const std::vector<std::uint32_t>& children) {
  nodes_[node].first_child = static_cast<std::uint32_t>(children_.size());
  nodes_[node].child_count = static_cast<std::uint32_t>(children.size());
  children_.insert(children_.end(), children.begin(), children.end());
}

void JsonPositions::finish() {
  for (std::uint32_t id = 0; id < nodes_.size(); ++id) {
    const Node& n = nodes_[id];
    if (n.child_count <= k_scan_limit) continue;
    for (std::uint32_t k = 0; k < n.child_count; ++k) {
      const std::uint32_t child = children_[n.first_child + k];
      big_objects_.emplace(member_hash(id, key_of(nodes_[child])), child);
    }
  }
}

const JsonPositions::Node* JsonPositions::member(const Node& object, std::uint32_t object_id,
                                                 std::string_view key) const {
  if (object.child_count <= k_scan_limit) {
    for (std::uint32_t k = 0; k < object.child_count; ++k) {
      const Node& child = nodes_[children_[object.first_child + k]];
      if (key_of(child) == key) return &child;
    }
    return nullptr;
  }
  const auto [first, last] = big_objects_.equal_range(member_hash(object_id, key));
  for (auto it = first; it != last; ++it)
    if (key_of(nodes_[it->second]) == key) return &nodes_[it->second];
  return nullptr;
}

const JsonPositions::Node* JsonPositions::find(std::string_view path, bool& exact) const {
  exact = false;
  if (nodes_.empty()) return nullptr;
  const Node* at = &nodes_[0];
  PathStep step;
  for (std::size_t i = 0; i < path.size();) {
    if (!next_step(path, i, step)) return at;
    const Node* next = nullptr;
    if (step.element) {
      if (step.index < at->child_count) next = &nodes_[children_[at->first_child + step.index]];
    } else {
      next = member(*at, static_cast<std::uint32_t>(at - nodes_.data()), step.key);
    }
    if (!next) return at;
    at = next;
  }
  exact = true;
  return at;
}

SourcePos JsonDoc::pos(const std::string& path) const {
  bool exact = false;
  const auto* n = positions.find(path, exact);
  return n ? n->pos : SourcePos{1, 1};
}

SourcePos JsonDoc::key_pos(const std::string& path) const {
  bool exact = false;
  const auto* n = positions.find(path, exact);
  if (!n) return SourcePos{1, 1};
  return exact && n->key_pos.line > 0 ? n->key_pos : n->pos;
}

Diagnostic JsonDoc::diag(const std::string& path, std::string message, Severity severity) const {
  return Diagnostic{file, pos(path), path, std::move(message), severity};
}

std::string quoted_value(const Json& value) {
  std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (text.size() <= 64) return text;
  std::size_t cut = 60;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text + "...";
}

const char* json_type_name(const Json& v) {
  if (v.is_string()) return "a string";
  if (v.is_number()) return "a number";
  if (v.is_boolean()) return "true/false";
  if (v.is_null()) return "null";
  if (v.is_array()) return "a list";
  return "an object";
}

}  // namespace chatdrill::scoring
