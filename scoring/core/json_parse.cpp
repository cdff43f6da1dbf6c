// Located JSON parser: see json_doc.h for why it exists. Recursion is bounded by the depth
// limit, work and memory are linear in the text: members are checked for duplicates by
// hash, positions go to one shared table (JsonPositions), not a path per value.
//
// [SECTION] parser  the recursive-descent parser: values, objects, arrays, strings, numbers
// [SECTION] text    parse_json on text in memory, with the size limit
// [SECTION] files   reading a file safely (no FIFO hang, no directory, size-capped)
#include "json_doc.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <unordered_set>

namespace chatdrill::scoring {

// ---------------------------------------------------------------------------------------
// [SECTION] parser

namespace {

struct ParseFailure {
  SourcePos pos;
  std::string message;
};

class Parser {
 public:
  Parser(std::string_view text, JsonPositions* positions, const JsonLimits& limits)
      : s_(text), positions_(positions), limits_(limits) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // UTF-8 byte order mark from some editors
  }

  Json parse_document() {
    skip_space();
    Json root = parse_value(0, {}, {});
    skip_space();
    if (i_ < s_.size()) fail("unexpected text after the end of the JSON document");
    return root;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  SourcePos here_{1, 1};
  JsonPositions* positions_;  // null: no positions wanted
  const JsonLimits& limits_;

  [[noreturn]] void fail(std::string message) { throw ParseFailure{here_, std::move(message)}; }
  [[noreturn]] void fail_at(SourcePos p, std::string message) { throw ParseFailure{p, std::move(message)}; }

  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[i_]; }

  // Lines end at LF, CRLF or a lone CR (old Mac files), so every error has its real line.
  void bump() {
    const auto b = static_cast<unsigned char>(s_[i_++]);
    if (b == '\n' || (b == '\r' && peek() != '\n')) {
      ++here_.line;
      here_.col = 1;
    } else if ((b & 0xC0) != 0x80) ++here_.col;
  }

  void skip_space() {
    while (!at_end()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') bump();
      else break;
    }
  }

  std::string describe(char c) const {
    if (c == '\0' && at_end()) return "end of file";
    if (c == '\0') return "a NUL byte (0x00; is this a binary file?)";
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80)
      return fmt::format("byte 0x{:02X}", static_cast<unsigned char>(c));
    return fmt::format("'{}'", c);
  }

  [[noreturn]] void fail_limit(SourcePos p, std::string what) {
    fail_at(p, fmt::format("{} (the limit for chatdrill files, see limits.h)", what));
  }

  // Parses the value at the cursor; `key` and `key_at` name it when it is a member.
  Json parse_value(int depth, std::string_view key, SourcePos key_at, std::uint32_t* id_out = nullptr) {
    if (depth > limits_.max_depth) fail_limit(here_, fmt::format("nesting deeper than {} levels", limits_.max_depth));
    std::uint32_t id = 0;
    if (positions_) id = positions_->add(here_, key_at, key);
    if (id_out) *id_out = id;
    switch (peek()) {
      case '{': return parse_object(depth, id);
      case '[': return parse_array(depth, id);
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

  // Duplicate member names, found by scanning small objects and hashing big ones.
  struct MemberNames {
    std::unordered_set<std::string> big;
    bool seen(const Json::object_t& members, const std::string& key) {
      if (members.size() < 16) {
        for (const auto& m : members)
          if (m.first == key) return true;
        return false;
      }
      if (big.empty())
        for (const auto& m : members) big.insert(m.first);
      return !big.insert(key).second;
    }
  };

  Json parse_object(int depth, std::uint32_t id) {
    const SourcePos open = here_;
    bump();
    Json obj = Json::object();
    auto& members = obj.get_ref<Json::object_t&>();
    MemberNames names;
    std::vector<std::uint32_t> children;
    skip_space();
    if (peek() == '}') {
      bump();
      return obj;
    }
    for (;;) {
      skip_space();
      if (peek() != '"') {
        if (peek() == '}') fail("trailing comma before '}' is not allowed in JSON");
        if (at_end()) fail_at(open, "this object is never closed with '}'");
        fail(fmt::format("expected a member name in double quotes, found {}", describe(peek())));
      }
      const SourcePos key_at = here_;
      std::string key = parse_string();
      if (names.seen(members, key)) fail_at(key_at, fmt::format("duplicate key \"{}\"", shorten(key)));
      if (members.size() >= limits_.max_object_keys)
        fail_limit(open, fmt::format("more than {} members in one object", limits_.max_object_keys));
      skip_space();
      if (peek() != ':')
        fail(fmt::format("expected ':' after the member name \"{}\", found {}", shorten(key), describe(peek())));
      bump();
      skip_space();
      std::uint32_t child = 0;
      Json value = parse_value(depth + 1, key, key_at, &child);
      if (positions_) children.push_back(child);
      // Straight onto the member list: ordered_map's own insert searches it first.
      static_cast<Json::object_t::Container&>(members).emplace_back(std::move(key), std::move(value));
      skip_space();
      if (peek() == ',') {
        bump();
        continue;
      }
      if (peek() == '}') {
        bump();
        if (positions_) positions_->set_children(id, children);
        return obj;
      }
      if (at_end()) fail_at(open, "this object is never closed with '}'");
      fail(fmt::format("expected ',' or '}}' after the member \"{}\", found {}", shorten(members.back().first),
                       describe(peek())));
    }
  }

  Json parse_array(int depth, std::uint32_t id) {
    const SourcePos open = here_;
    bump();
    Json arr = Json::array();
    std::vector<std::uint32_t> children;
    skip_space();
    if (peek() == ']') {
      bump();
      return arr;
    }
    for (;;) {
      skip_space();
      if (peek() == ']') fail("trailing comma before ']' is not allowed in JSON");
      std::uint32_t child = 0;
      arr.push_back(parse_value(depth + 1, {}, {}, &child));
      if (positions_) children.push_back(child);
      skip_space();
      if (peek() == ',') {
        bump();
        continue;
      }
      if (peek() == ']') {
        bump();
        if (positions_) positions_->set_children(id, children);
        return arr;
      }
      if (at_end()) fail_at(open, "this array is never closed with ']'");
      fail(fmt::format("expected ',' or ']' in the array, found {}", describe(peek())));
    }
  }

  // A key as messages quote it: whole if short, else its start.
  static std::string shorten(const std::string& key) {
    if (key.size() <= 80) return key;
    std::size_t cut = 77;
    while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) --cut;
    return key.substr(0, cut) + "...";
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
      if (out.size() > limits_.max_string_bytes)
        fail_limit(open, fmt::format("a string longer than {} bytes", limits_.max_string_bytes));
      const auto b = static_cast<unsigned char>(peek());
      if (b == '"') {
        bump();
        return out;
      }
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
    else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') bump();
    } else fail("invalid number");
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
      // Like nlohmann's own parser: non-negative whole numbers are unsigned, others signed.
      if (*first != '-') {
        std::uint64_t u = 0;
        if (auto r = std::from_chars(first, last, u); r.ec == std::errc() && r.ptr == last) return Json(u);
      }
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

// ---------------------------------------------------------------------------------------
// [SECTION] text

std::string too_big_message(std::size_t size, std::size_t max_bytes) {
  const std::string limit =
      max_bytes == k_max_file_bytes ? std::string(k_max_file_text) : fmt::format("{} bytes", max_bytes);
  return fmt::format("file is {} bytes, more than the {} limit for chatdrill files", size, limit);
}

JsonParse parse_json(std::string_view text, const std::string& file, JsonLimits limits) {
  JsonParse result;
  if (text.size() > limits.max_bytes) {
    result.error = Diagnostic{file, {}, "", too_big_message(text.size(), limits.max_bytes)};
    return result;
  }
  JsonDoc doc;
  doc.file = file;
  try {
    Parser parser(text, limits.positions ? &doc.positions : nullptr, limits);
    doc.root = parser.parse_document();
    if (limits.positions) doc.positions.finish();
    result.doc = std::move(doc);
  } catch (const ParseFailure& f) { result.error = Diagnostic{file, f.pos, "", "JSON syntax: " + f.message}; }
  return result;
}

// ---------------------------------------------------------------------------------------
// [SECTION] files

namespace {

struct FileDescriptor {
  int fd = -1;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

std::optional<std::string> read_text_file(const std::string& path, std::string& error, std::size_t max_bytes,
                                          bool follow_symlinks) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
  FileDescriptor f{
      ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (follow_symlinks ? 0 : O_NOFOLLOW))};
  if (f.fd < 0) {
    if (errno == ELOOP && !follow_symlinks) error = "is a symbolic link: not followed";
    else
      error = errno == ENOENT ? "cannot open file: no such file"
                              : fmt::format("cannot open file: {}", std::strerror(errno));
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) {
    error = fmt::format("cannot read file: {}", std::strerror(errno));
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    error = "is a folder, not a file";
    return std::nullopt;
  }
  if (!S_ISREG(st.st_mode)) {
    error = S_ISFIFO(st.st_mode) ? "is a FIFO (named pipe), not a regular file: not read"
                                 : "is a device or socket, not a regular file: not read";
    return std::nullopt;
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    error = too_big_message(static_cast<std::size_t>(st.st_size), max_bytes);
    return std::nullopt;
  }
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  for (;;) {
    if (done == text.size()) {  // the file may have grown since fstat: read on, within the cap
      if (text.size() >= max_bytes + 1) break;
      text.resize(std::min(max_bytes + 1, text.size() + 64 * 1024));
    }
    const ssize_t n = ::read(f.fd, text.data() + done, text.size() - done);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < 0) {
      error = fmt::format("cannot read file: {}", std::strerror(errno));
      return std::nullopt;
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  text.resize(done);
  if (done > max_bytes) {
    error = too_big_message(done, max_bytes);
    return std::nullopt;
  }
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
