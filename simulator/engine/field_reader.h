// Reading hand-written JSON into the engine's models: typed field access that turns every
// problem (wrong type, missing, out of range, unknown member) into a located diagnostic
// with a "did you mean" hint. Knows JSON documents and diagnostics, not scenarios.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scoring/core/json_doc.h"

namespace chatdrill::engine {

using scoring::element_path;
using scoring::member_path;

// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);
// " (did you mean \"x\"?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

using scoring::json_type_name;  // a JSON value's kind in words (scoring/core/json_doc.h)

struct Range {
  double lo, hi;
  bool lo_open = false;  // lo itself is not allowed (times: "positive")
};

class FieldReader {
 public:
  FieldReader(const scoring::JsonDoc& doc, scoring::Diagnostics& out) : doc_(doc), out_(out) {}

  const scoring::JsonDoc& doc() const { return doc_; }
  void error(const std::string& path, std::string message);
  void warning(const std::string& path, std::string message);
  void wrong_type(const std::string& path, const scoring::Json& value, std::string_view wanted);
  // Error at the member's key rather than its value (unknown members).
  void error_at_key(const std::string& path, std::string message);
  // Any diagnostic at `path`, e.g. one passed on from a nested document's reader.
  void report(const std::string& path, std::string message, scoring::Severity severity);

  // Reports members of `obj` not in `known` (keys starting with $ or _ are always allowed).
  void check_members(const scoring::Json& obj, const std::string& path, std::initializer_list<std::string_view> known);

  // The member `key` of `obj`, or nullptr; a missing required member is reported, with
  // `what` saying what it is for.
  const scoring::Json* member(const scoring::Json& obj, const std::string& path, std::string_view key, bool required,
                              std::string_view what = {});

  // Typed values (not member lookups). Each returns nullopt and reports if the type is wrong.
  // A string, possibly empty.
  std::optional<std::string> as_string(const scoring::Json& value, const std::string& path);
  // A number; `wanted` names it in the wrong-type message ("a number of seconds").
  std::optional<double> as_number(const scoring::Json& value, const std::string& path,
                                  std::string_view wanted = "a number");
  // A whole number >= 0.
  std::optional<std::uint64_t> as_whole_number(const scoring::Json& value, const std::string& path);

  // Typed members. Each returns nullopt if missing or invalid (and reports the problem).
  // A string member that may be empty (text() refuses blank ones).
  std::optional<std::string> string(const scoring::Json& obj, const std::string& path, std::string_view key,
                                    bool required, std::string_view what = {});
  std::optional<std::string> text(const scoring::Json& obj, const std::string& path, std::string_view key,
                                  bool required, std::string_view what = {});
  std::optional<bool> boolean(const scoring::Json& obj, const std::string& path, std::string_view key);
  std::optional<double> number(const scoring::Json& obj, const std::string& path, std::string_view key, Range range,
                               std::string_view unit, bool required = false);
  // Seconds: positive (or >= 0 when `zero_ok`) and at most an hour.
  std::optional<double> seconds(const scoring::Json& obj, const std::string& path, std::string_view key,
                                bool required = false, bool zero_ok = false, double max = 3600);
  std::optional<double> mood(const scoring::Json& obj, const std::string& path, std::string_view key);
  // A list of non-empty strings; `non_empty` requires at least one.
  std::optional<std::vector<std::string>> texts(const scoring::Json& obj, const std::string& path, std::string_view key,
                                                bool required, bool non_empty, std::string_view what = {});
  // A value that must be a list of non-empty strings (not a member lookup).
  std::optional<std::vector<std::string>> text_list(const scoring::Json& value, const std::string& path,
                                                    bool non_empty);
  // Checks a number against a range; reports and returns false if outside.
  bool check_range(const std::string& path, double value, Range range, std::string_view unit);

 private:
  const scoring::JsonDoc& doc_;
  scoring::Diagnostics& out_;
};

}  // namespace chatdrill::engine
