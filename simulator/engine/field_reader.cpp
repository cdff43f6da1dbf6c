// Typed, located reading of hand-written JSON; see field_reader.h.
#include "field_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace chatdrill::engine {

using scoring::Json;

namespace {

// Edits (insert, delete, replace, swap two neighbours) between two words, or more than
// `limit` when it is over: typos are mostly one of these. Only a band of `limit` cells
// either side of the diagonal is filled, in three rolling rows, so the cost is
// O(len * limit) time and O(len) memory whatever the words are.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t over = limit + 1;
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return over;
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> before(w, over), prev(w), row(w, over);
  for (std::size_t j = 0; j < w; ++j) prev[j] = j <= limit ? j : over;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::fill(row.begin(), row.end(), over);
    if (i <= limit) row[0] = i;
    const std::size_t lo = i > limit ? i - limit : 1, hi = std::min(b.size(), i + limit);
    std::size_t best = row[0];
    for (std::size_t j = lo; j <= hi; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t d = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = std::min(d, before[j - 2] + 1);
      row[j] = std::min(d, over);
      best = std::min(best, row[j]);
    }
    if (best > limit) return over;
    std::swap(before, prev);
    std::swap(prev, row);
  }
  return std::min(prev[b.size()], over);
}

bool is_blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string number_text(double v) { return fmt::format("{}", v); }

}  // namespace

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // A word longer than any name a person types is no typo; comparing it would only cost.
  if (word.size() > scoring::k_max_hint_word) return std::nullopt;
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    if (c.size() > scoring::k_max_hint_word) continue;
    const std::size_t d = edit_distance(word, c, std::min(limit, best_distance - 1));
    if (d < best_distance && d < std::max(word.size(), c.size())) {
      best_distance = d;
      best = c;
      if (d == 0) break;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  if (auto m = closest_match(word, candidates)) return fmt::format(" (did you mean \"{}\"?)", *m);
  return {};
}

void FieldReader::error(const std::string& path, std::string message) {
  out_.push_back(doc_.diag(path, std::move(message)));
}

void FieldReader::warning(const std::string& path, std::string message) {
  out_.push_back(doc_.diag(path, std::move(message), scoring::Severity::warning));
}

void FieldReader::error_at_key(const std::string& path, std::string message) {
  out_.push_back(scoring::Diagnostic{doc_.file, doc_.key_pos(path), path, std::move(message)});
}

void FieldReader::wrong_type(const std::string& path, const Json& value, std::string_view wanted) {
  error(path, fmt::format("must be {}, not {}", wanted, json_type_name(value)));
}

void FieldReader::check_members(const Json& obj, const std::string& path,
                                std::initializer_list<std::string_view> known) {
  if (!obj.is_object()) return;
  const std::vector<std::string> names(known.begin(), known.end());
  for (const auto& [key, value] : obj.items()) {
    if (!key.empty() && (key[0] == '$' || key[0] == '_')) continue;
    if (std::find(names.begin(), names.end(), key) != names.end()) continue;
    error_at_key(member_path(path, key), fmt::format("unknown field \"{}\"{}", key, did_you_mean(key, names)));
  }
}

const Json* FieldReader::member(const Json& obj, const std::string& path, std::string_view key, bool required,
                                std::string_view what) {
  if (obj.is_object()) {
    if (auto it = obj.find(std::string(key)); it != obj.end()) return &*it;
  }
  if (required && obj.is_object())
    error(path, what.empty() ? fmt::format("missing \"{}\"", key) : fmt::format("missing \"{}\" ({})", key, what));
  return nullptr;
}

void FieldReader::report(const std::string& path, std::string message, scoring::Severity severity) {
  out_.push_back(doc_.diag(path, std::move(message), severity));
}

std::optional<std::string> FieldReader::as_string(const Json& value, const std::string& path) {
  if (!value.is_string()) {
    wrong_type(path, value, "a string");
    return std::nullopt;
  }
  return value.get<std::string>();
}

std::optional<double> FieldReader::as_number(const Json& value, const std::string& path, std::string_view wanted) {
  if (!value.is_number()) {
    wrong_type(path, value, wanted);
    return std::nullopt;
  }
  return value.get<double>();
}

std::optional<std::uint64_t> FieldReader::as_whole_number(const Json& value, const std::string& path) {
  if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<std::int64_t>() >= 0)) {
    wrong_type(path, value, "a whole number >= 0");
    return std::nullopt;
  }
  return value.get<std::uint64_t>();
}

std::optional<std::string> FieldReader::string(const Json& obj, const std::string& path, std::string_view key,
                                               bool required, std::string_view what) {
  const Json* v = member(obj, path, key, required, what);
  if (!v) return std::nullopt;
  return as_string(*v, member_path(path, key));
}

std::optional<std::string> FieldReader::text(const Json& obj, const std::string& path, std::string_view key,
                                             bool required, std::string_view what) {
  auto s = string(obj, path, key, required, what);
  if (s && is_blank(*s)) {
    error(member_path(path, key), "must not be empty");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> FieldReader::boolean(const Json& obj, const std::string& path, std::string_view key) {
  const Json* v = member(obj, path, key, false);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    wrong_type(member_path(path, key), *v, "true or false");
    return std::nullopt;
  }
  return v->get<bool>();
}

bool FieldReader::check_range(const std::string& path, double value, Range range, std::string_view unit) {
  const bool low = range.lo_open ? value <= range.lo : value < range.lo;
  if (!std::isfinite(value) || low || value > range.hi) {
    const std::string span =
        range.lo_open ? fmt::format("more than {} and at most {}", number_text(range.lo), number_text(range.hi))
                      : fmt::format("{}..{}", number_text(range.lo), number_text(range.hi));
    error(path, fmt::format("{} is out of range ({}{}{})", number_text(value), span, unit.empty() ? "" : " ", unit));
    return false;
  }
  return true;
}

std::optional<double> FieldReader::number(const Json& obj, const std::string& path, std::string_view key, Range range,
                                          std::string_view unit, bool required) {
  const Json* v = member(obj, path, key, required);
  if (!v) return std::nullopt;
  const std::string p = member_path(path, key);
  auto d = as_number(*v, p);
  if (!d || !check_range(p, *d, range, unit)) return std::nullopt;
  return d;
}

std::optional<double> FieldReader::seconds(const Json& obj, const std::string& path, std::string_view key,
                                           bool required, bool zero_ok, double max) {
  const Json* v = member(obj, path, key, required, "seconds");
  if (!v) return std::nullopt;
  const std::string p = member_path(path, key);
  const auto seconds = as_number(*v, p, "a number of seconds");
  if (!seconds) return std::nullopt;
  const double d = *seconds;
  if (d < 0 || (!zero_ok && d == 0)) {
    error(p, fmt::format("{} s: times must be {}", number_text(d), zero_ok ? "0 or more" : "more than 0"));
    return std::nullopt;
  }
  if (d > max) {
    error(p, fmt::format("{} s is too long (at most {} s)", number_text(d), number_text(max)));
    return std::nullopt;
  }
  return d;
}

std::optional<double> FieldReader::mood(const Json& obj, const std::string& path, std::string_view key) {
  return number(obj, path, key, Range{-1, 1}, "(moods run from -1 to 1)");
}

std::optional<std::vector<std::string>> FieldReader::text_list(const Json& value, const std::string& path,
                                                               bool non_empty) {
  if (!value.is_array()) {
    wrong_type(path, value, "a list of strings");
    return std::nullopt;
  }
  if (non_empty && value.empty()) {
    error(path, "must not be an empty list");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string p = element_path(path, i);
    auto s = as_string(value[i], p);
    if (s && is_blank(*s)) {
      error(p, "must not be an empty string");
      s.reset();
    }
    if (!s) {
      ok = false;
      continue;
    }
    out.push_back(std::move(*s));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::string>> FieldReader::texts(const Json& obj, const std::string& path,
                                                           std::string_view key, bool required, bool non_empty,
                                                           std::string_view what) {
  const Json* v = member(obj, path, key, required, what);
  if (!v) return std::nullopt;
  return text_list(*v, member_path(path, key), non_empty);
}

}  // namespace chatdrill::engine
