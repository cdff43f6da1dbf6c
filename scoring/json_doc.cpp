// Located JSON parser: see json_doc.h for why it exists.
#include "json_doc.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

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

static bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '$';
    if (!ok) return false;
  }
  return true;
}

std::string member_path(const std::string& parent, std::string_view key) {
  if (is_identifier(key)) return parent.empty() ? std::string(key) : parent + "." + std::string(key);
  return parent + "[" + Json(std::string(key)).dump() + "]";
}

std::string element_path(const std::string& parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

static std::string parent_path(const std::string& path) {
  if (path.empty()) return {};
  if (path.back() == ']') {
    // Walk back to the matching '[' (quoted keys may contain brackets, so skip strings).
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t k = path.size(); k-- > 0;) {
      const char c = path[k];
      if (c == '"' && (k == 0 || path[k - 1] != '\\')) in_string = !in_string;
      if (in_string) continue;
      if (c == ']') ++depth;
      if (c == '[' && --depth == 0) return path.substr(0, k);
    }
    return {};
  }
  const auto dot = path.find_last_of(".]");
  if (dot == std::string::npos) return {};
  return path[dot] == ']' ? path.substr(0, dot + 1) : path.substr(0, dot);
}

SourcePos JsonDoc::pos(const std::string& path) const {
  for (std::string p = path;; p = parent_path(p)) {
    if (auto it = positions_.find(p); it != positions_.end()) return it->second;
    if (p.empty()) return {1, 1};
  }
}

SourcePos JsonDoc::key_pos(const std::string& path) const {
  if (auto it = positions_.find(path + "#key"); it != positions_.end()) return it->second;
  return pos(path);
}

Diagnostic JsonDoc::diag(const std::string& path, std::string message, Severity severity) const {
  return Diagnostic{file, pos(path), path, std::move(message), severity};
}

// ---------------------------------------------------------------------------------------
// UTF-8

// Length of the valid UTF-8 sequence at s[i], or 0 if it is invalid.
static std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t len = 0;
  std::uint32_t min = 0, cp = 0;
  if ((b0 & 0xE0) == 0xC0) { len = 2; min = 0x80; cp = b0 & 0x1F; }
  else if ((b0 & 0xF0) == 0xE0) { len = 3; min = 0x800; cp = b0 & 0x0F; }
  else if ((b0 & 0xF8) == 0xF0) { len = 4; min = 0x10000; cp = b0 & 0x07; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (i + 8 <= text.size()) {  // ASCII runs, 8 bytes at a time: most chat text
      std::uint64_t w = 0;
      std::memcpy(&w, text.data() + i, 8);
      if ((w & 0x8080808080808080ull) == 0) { i += 8; continue; }
    }
    const auto n = utf8_sequence(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto n = utf8_sequence(text, i);
    if (n == 0) { out += "\xEF\xBF\xBD"; ++i; continue; }
    out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto n = utf8_sequence(text, i);
  if (n == 0) { ++i; return 0xFFFD; }
  const auto b0 = static_cast<unsigned char>(text[i]);
  std::uint32_t cp = n == 1 ? b0 : b0 & (0x7Fu >> n);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
  i += n;
  return cp;
}

const char* json_type_name(const Json& v) {
  if (v.is_string()) return "a string";
  if (v.is_number()) return "a number";
  if (v.is_boolean()) return "true/false";
  if (v.is_null()) return "null";
  if (v.is_array()) return "a list";
  return "an object";
}

// ---------------------------------------------------------------------------------------
// Parser

namespace {

struct ParseFailure {
  SourcePos pos;
  std::string message;
};

class Parser {
 public:
  Parser(std::string_view text, JsonDoc& doc, const JsonLimits& limits)
      : s_(text), doc_(doc), limits_(limits) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // UTF-8 byte order mark from some editors
  }

  Json parse_document() {
    skip_space();
    Json root = parse_value("", 0);
    skip_space();
    if (i_ < s_.size()) fail("unexpected text after the end of the JSON document");
    return root;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  SourcePos here_{1, 1};
  JsonDoc& doc_;
  const JsonLimits& limits_;

  [[noreturn]] void fail(std::string message) { throw ParseFailure{here_, std::move(message)}; }
  [[noreturn]] void fail_at(SourcePos p, std::string message) { throw ParseFailure{p, std::move(message)}; }

  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[i_]; }

  void bump() {
    const auto b = static_cast<unsigned char>(s_[i_++]);
    if (b == '\n') { ++here_.line; here_.col = 1; }
    else if ((b & 0xC0) != 0x80) ++here_.col;
  }

  void skip_space() {
    while (!at_end()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') bump();
      else break;
    }
  }

  static std::string describe(char c) {
    if (c == '\0') return "end of file";
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80)
      return fmt::format("byte 0x{:02X}", static_cast<unsigned char>(c));
    return fmt::format("'{}'", c);
  }

  void expect(char c, const char* context) {
    if (peek() != c) fail(fmt::format("expected '{}' {}, found {}", c, context, describe(peek())));
    bump();
  }

  Json parse_value(const std::string& path, int depth) {
    if (depth > limits_.max_depth) fail(fmt::format("nesting deeper than {} levels", limits_.max_depth));
    doc_.remember(path, here_);
    switch (peek()) {
      case '{': return parse_object(path, depth);
      case '[': return parse_array(path, depth);
      case '"': return Json(parse_string());
      case 't': return parse_literal("true", Json(true));
      case 'f': return parse_literal("false", Json(false));
      case 'n': return parse_literal("null", Json(nullptr));
      case '\0':
        if (at_end()) fail("unexpected end of file: a value is missing");
        [[fallthrough]];
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return parse_number();
        if (peek() == '\'') fail("strings must use double quotes (\"), not single quotes");
        fail(fmt::format("expected a value, found {}", describe(peek())));
    }
  }

  Json parse_literal(std::string_view word, Json value) {
    if (s_.substr(i_, word.size()) != word) fail(fmt::format("expected a value, found {}", describe(peek())));
    for (std::size_t k = 0; k < word.size(); ++k) bump();
    return value;
  }

  Json parse_object(const std::string& path, int depth) {
    const SourcePos open = here_;
    bump();
    Json obj = Json::object();
    skip_space();
    if (peek() == '}') { bump(); return obj; }
    for (;;) {
      skip_space();
      if (peek() != '"') {
        if (peek() == '}') fail("trailing comma before '}' is not allowed in JSON");
        if (at_end()) fail_at(open, "this object is never closed with '}'");
        fail(fmt::format("expected a member name in double quotes, found {}", describe(peek())));
      }
      const SourcePos key_at = here_;
      std::string key = parse_string();
      const std::string child = member_path(path, key);
      if (obj.contains(key)) fail_at(key_at, fmt::format("duplicate key \"{}\"", key));
      doc_.remember(child + "#key", key_at);
      skip_space();
      expect(':', fmt::format("after the member name \"{}\"", key).c_str());
      skip_space();
      obj[key] = parse_value(child, depth + 1);
      skip_space();
      if (peek() == ',') { bump(); continue; }
      if (peek() == '}') { bump(); return obj; }
      if (at_end()) fail_at(open, "this object is never closed with '}'");
      fail(fmt::format("expected ',' or '}}' after the member \"{}\", found {}", key, describe(peek())));
    }
  }

  Json parse_array(const std::string& path, int depth) {
    const SourcePos open = here_;
    bump();
    Json arr = Json::array();
    skip_space();
    if (peek() == ']') { bump(); return arr; }
    for (;;) {
      skip_space();
      if (peek() == ']') fail("trailing comma before ']' is not allowed in JSON");
      arr.push_back(parse_value(element_path(path, arr.size()), depth + 1));
      skip_space();
      if (peek() == ',') { bump(); continue; }
      if (peek() == ']') { bump(); return arr; }
      if (at_end()) fail_at(open, "this array is never closed with ']'");
      fail(fmt::format("expected ',' or ']' in the array, found {}", describe(peek())));
    }
  }

  std::uint32_t parse_hex4() {
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = peek();
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else fail("\\u must be followed by four hex digits");
      bump();
    }
    return v;
  }

  std::string parse_string() {
    const SourcePos open = here_;
    bump();  // opening quote
    std::string out;
    for (;;) {
      if (at_end()) fail_at(open, "this string is never closed with '\"'");
      const auto b = static_cast<unsigned char>(peek());
      if (b == '"') { bump(); return out; }
      if (b == '\\') {
        bump();
        const char e = peek();
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            bump();
            std::uint32_t cp = parse_hex4();
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (peek() != '\\') fail("a \\u surrogate pair is missing its second half");
              bump();
              if (peek() != 'u') fail("a \\u surrogate pair is missing its second half");
              bump();
              const std::uint32_t lo = parse_hex4();
              if (lo < 0xDC00 || lo > 0xDFFF) fail("invalid \\u surrogate pair");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              fail("invalid \\u escape: lone low surrogate");
            }
            append_utf8(out, cp);
            continue;
          }
          default: fail(fmt::format("invalid escape \\{} in a string", describe(e)));
        }
        bump();
        continue;
      }
      if (b < 0x20) {
        if (b == '\n') fail("a string runs past the end of its line (missing '\"'?)");
        fail(fmt::format("control character 0x{:02X} inside a string (escape it)", b));
      }
      const auto n = utf8_sequence(s_, i_);
      if (n == 0) fail(fmt::format("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8", b));
      out.append(s_.substr(i_, n));
      for (std::size_t k = 0; k < n; ++k) bump();
    }
  }

  Json parse_number() {
    const SourcePos start = here_;
    const std::size_t begin = i_;
    bool integral = true;
    if (peek() == '-') bump();
    if (peek() == '0') bump();
    else if (peek() >= '1' && peek() <= '9') { while (peek() >= '0' && peek() <= '9') bump(); }
    else fail("invalid number");
    if (peek() == '.') {
      integral = false;
      bump();
      if (!(peek() >= '0' && peek() <= '9')) fail("invalid number: digits must follow '.'");
      while (peek() >= '0' && peek() <= '9') bump();
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      bump();
      if (peek() == '+' || peek() == '-') bump();
      if (!(peek() >= '0' && peek() <= '9')) fail("invalid number: digits must follow the exponent");
      while (peek() >= '0' && peek() <= '9') bump();
    }
    const char* first = s_.data() + begin;
    const char* last = s_.data() + i_;
    if (integral) {
      std::int64_t v = 0;
      if (auto r = std::from_chars(first, last, v); r.ec == std::errc() && r.ptr == last) return Json(v);
      // Above INT64_MAX (64-bit seeds): keep it exact as unsigned rather than rounding.
      std::uint64_t u = 0;
      if (auto r = std::from_chars(first, last, u); r.ec == std::errc() && r.ptr == last) return Json(u);
    }
    double d = 0;
    auto r = std::from_chars(first, last, d);
    if (r.ec != std::errc() || r.ptr != last || !std::isfinite(d)) fail_at(start, "number out of range");
    return Json(d);
  }
};

}  // namespace

JsonParse parse_json(std::string_view text, const std::string& file, JsonLimits limits) {
  JsonParse result;
  if (text.size() > limits.max_bytes) {
    result.error = Diagnostic{file, {}, "", fmt::format("file is {} bytes, more than the {} allowed", text.size(), limits.max_bytes)};
    return result;
  }
  JsonDoc doc;
  doc.file = file;
  try {
    Parser parser(text, doc, limits);
    doc.root = parser.parse_document();
    result.doc = std::move(doc);
  } catch (const ParseFailure& f) {
    result.error = Diagnostic{file, f.pos, "", "JSON syntax: " + f.message};
  }
  return result;
}

std::optional<std::string> read_text_file(const std::string& path, std::string& error, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) { error = "cannot open file (missing or unreadable)"; return std::nullopt; }
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size < 0) { error = "cannot read file (is it a folder?)"; return std::nullopt; }
  if (static_cast<std::size_t>(size) > max_bytes) {
    error = fmt::format("file is {} bytes, more than the {} allowed", static_cast<long long>(size), max_bytes);
    return std::nullopt;
  }
  in.seekg(0);
  std::string text(static_cast<std::size_t>(size), '\0');
  if (!in.read(text.data(), size)) { error = "cannot read file"; return std::nullopt; }
  return text;
}

JsonParse parse_json_file(const std::string& path, JsonLimits limits) {
  std::string error;
  auto text = read_text_file(path, error, limits.max_bytes);
  if (!text) {
    JsonParse result;
    result.error = Diagnostic{path, {}, "", error};
    return result;
  }
  return parse_json(*text, path, limits);
}

}  // namespace chatdrill::scoring
