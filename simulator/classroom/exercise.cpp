// Exercise loading and play order; see exercise.h. Reads the file a trainer wrote and says
// precisely what is wrong with it; knows nothing about windows, clocks or result files.
//
// [SECTION] Reading: fields, scenario references, order, feedback, weights, time checks
// [SECTION] Order: the portable shuffle
// [SECTION] Timestamps: ISO 8601 <-> Unix seconds, without the C library's time zone
#include "exercise.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <set>

#include "scoring/grade.h"
#include "simulator/engine/field_reader.h"
#include "simulator/engine/saved_replies.h"
#include "simulator/engine/scenario_loader.h"
#include "simulator/engine/scenario_ref.h"

namespace chatdrill::classroom {

using engine::did_you_mean;
using engine::element_path;
using engine::FieldReader;
using engine::find_bundled_scenario;
using engine::load_scenario;
using engine::member_path;

namespace fs = std::filesystem;
using scoring::Json;

const char* feedback_name(FeedbackPolicy policy) {
  switch (policy) {
    case FeedbackPolicy::after_each: return "after_each";
    case FeedbackPolicy::at_end: return "at_end";
    case FeedbackPolicy::never: return "never";
  }
  return "after_each";
}

std::optional<double> Exercise::limit_for(std::size_t index) const {
  if (index < scenarios.size() && scenarios[index].time_limit) return scenarios[index].time_limit;
  return time_limit;
}

bool Exercise::shows_customer_state(const Scenario& scenario) const {
  return show_customer_state.value_or(scenario.show_customer_state);
}

// ---------------------------------------------------------------------------------------
// [SECTION] Reading

namespace {

// A time limit in seconds within [k_min_time_limit, max].
std::optional<double> read_time_limit(FieldReader& r, const std::string& path, const Json& v, double max) {
  const auto s = r.as_number(v, path, "a number of seconds");
  if (s && (!std::isfinite(*s) || *s < k_min_time_limit || *s > max)) {
    r.error(path, fmt::format("{} s is not a sensible time limit ({:g} s to {:g} h)", v.dump(), k_min_time_limit,
                              max / 3600));
    return std::nullopt;
  }
  return s;
}

bool is_id(std::string_view s) {
  if (s.empty() || s.size() > 80) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

void read_scenario_entry(FieldReader& r, Exercise& ex, const Json& v, const std::string& path) {
  ExerciseScenario s;
  if (v.is_string()) {
    s.ref = v.get<std::string>();
  } else if (v.is_object()) {
    for (const auto& [key, value] : v.items()) {
      const std::string p = scoring::member_path(path, key);
      if (key == "scenario") {
        if (auto ref = r.as_string(value, p)) s.ref = *ref;
      } else if (key == "time_limit") {
        s.time_limit = read_time_limit(r, p, value, k_max_time_limit);
      } else if (key.empty() || (key[0] != '$' && key[0] != '_')) {
        r.error_at_key(p, fmt::format("unknown field \"{}\"{} (a scenario entry has \"scenario\" and \"time_limit\")",
                                      key, did_you_mean(key, {"scenario", "time_limit"})));
      }
    }
    if (!v.contains("scenario")) {
      r.error(path, "missing \"scenario\" (a bundled id or a path)");
      return;
    }
  } else {
    r.wrong_type(path, v, "a scenario id, a path, or {\"scenario\": ..., \"time_limit\": ...}");
    return;
  }
  const std::string ref_path = v.is_object() ? scoring::member_path(path, "scenario") : path;
  if (auto resolved = engine::resolve_scenario_ref(r, ref_path, s.ref)) {
    for (const auto& other : ex.scenarios)
      if (other.path == *resolved) r.error(ref_path, fmt::format("scenario \"{}\" is listed twice", s.ref));
    s.path = *resolved;
  }
  ex.scenarios.push_back(std::move(s));
}

void read_scenarios(FieldReader& r, Exercise& ex, const Json& v) {
  if (!v.is_array()) {
    r.wrong_type("scenarios", v, "a list of scenario ids or paths");
    return;
  }
  if (v.empty()) r.error("scenarios", "is empty; an exercise needs at least one scenario");
  if (v.size() > 200) {
    r.error("scenarios", fmt::format("{} scenarios is too many (at most 200)", v.size()));
    return;
  }
  for (std::size_t i = 0; i < v.size(); ++i) read_scenario_entry(r, ex, v[i], scoring::element_path("scenarios", i));
}

void read_order(FieldReader& r, Exercise& ex, const Json& v) {
  auto name = r.as_string(v, "order");
  if (!name) return;
  if (*name == "fixed") ex.order = ExerciseOrder::fixed;
  else if (*name == "shuffled") ex.order = ExerciseOrder::shuffled;
  else r.error("order", fmt::format("\"{}\" is not \"fixed\" or \"shuffled\"", *name));
}

void read_feedback(FieldReader& r, Exercise& ex, const Json& v) {
  auto name = r.as_string(v, "feedback");
  if (!name) return;
  if (*name == "after_each") ex.feedback = FeedbackPolicy::after_each;
  else if (*name == "at_end") ex.feedback = FeedbackPolicy::at_end;
  else if (*name == "never") ex.feedback = FeedbackPolicy::never;
  else r.error("feedback", fmt::format("\"{}\" is not \"after_each\", \"at_end\" or \"never\"", *name));
}

void read_weights(FieldReader& r, Exercise& ex, const Json& v) {
  if (!v.is_object()) {
    r.wrong_type("weights", v, "an object like {\"speed\": 1, \"politeness\": 2}");
    return;
  }
  scoring::Weights w;
  w.fill(1);
  const std::vector<std::string> names(scoring::k_dimensions.begin(), scoring::k_dimensions.end());
  for (const auto& [key, value] : v.items()) {
    const std::string p = scoring::member_path("weights", key);
    const std::optional<std::size_t> d = scoring::dimension_index(key);
    if (!d) {
      if (key.empty() || (key[0] != '$' && key[0] != '_'))
        r.error_at_key(
            p, fmt::format("unknown dimension \"{}\"{} ({})", key, did_you_mean(key, names), fmt::join(names, ", ")));
      continue;
    }
    const auto x = r.as_number(value, p);
    if (!x) continue;
    if (!std::isfinite(*x) || *x < 0 || *x > 100) {
      r.error(p, fmt::format("{} is not a weight from 0 to 100", value.dump()));
      continue;
    }
    w[*d] = *x;
  }
  double sum = 0;
  for (double x : w) sum += x;
  if (sum <= 0) r.error("weights", "all weights are 0; at least one dimension must count");
  ex.weights = w;
}

const std::vector<std::string> k_exercise_fields = {
    "format",       "id",       "title",      "instructions", "scenarios",
    "order",        "seed",     "order_seed", "time_limit",   "total_time_limit",
    "start_at",     "feedback", "weights",    "results",      "show_customer_state",
    "saved_replies"};

void read_field(FieldReader& r, Exercise& ex, const std::string& key, const Json& value) {
  if (key == "format" || key == "scenarios" || key == "saved_replies") return;  // handled by the caller
  if (key == "id") {
    if (auto id = r.as_string(value, key)) {
      if (!is_id(*id)) r.error(key, fmt::format("\"{}\" is not an id ([a-z0-9-]+, at most 80 characters)", *id));
      else ex.id = *id;
    }
  } else if (key == "title" || key == "instructions") {
    if (auto s = r.as_string(value, key)) (key == "title" ? ex.title : ex.instructions) = *s;
  } else if (key == "order") {
    read_order(r, ex, value);
  } else if (key == "seed" || key == "order_seed") {
    if (auto s = r.as_whole_number(value, key)) (key == "seed" ? ex.seed : ex.order_seed) = *s;
  } else if (key == "time_limit") {
    ex.time_limit = read_time_limit(r, key, value, k_max_time_limit);
  } else if (key == "total_time_limit") {
    ex.total_time_limit = read_time_limit(r, key, value, k_max_total_time_limit);
  } else if (key == "start_at") {
    if (auto s = r.as_string(value, key)) {
      ex.start_at = *s;
      ex.start_at_unix = parse_utc_timestamp(*s);
      if (!ex.start_at_unix)
        r.error(key, fmt::format("\"{}\" is not an ISO 8601 time like \"2026-12-01T09:00:00Z\"", *s));
    }
  } else if (key == "feedback") {
    read_feedback(r, ex, value);
  } else if (key == "show_customer_state") {
    if (!value.is_boolean()) r.wrong_type(key, value, "true or false");
    else ex.show_customer_state = value.get<bool>();
  } else if (key == "weights") {
    read_weights(r, ex, value);
  } else if (key == "results") {
    if (auto s = r.as_string(value, key)) {
      if (s->empty()) r.error(key, "is empty; name a folder for the results");
      fs::path p(*s);
      ex.results_dir = (p.is_relative() ? engine::folder_of(r.doc().file) / p : p).lexically_normal().string();
    }
  } else if (key.empty() || (key[0] != '$' && key[0] != '_')) {
    r.error_at_key(key, fmt::format("unknown field \"{}\"{}", key, did_you_mean(key, k_exercise_fields)));
  }
}

void check_times(FieldReader& r, const Exercise& ex) {
  if (!ex.total_time_limit) return;
  for (std::size_t i = 0; i < ex.scenarios.size(); ++i) {
    const auto limit = ex.limit_for(i);
    if (limit && *limit > *ex.total_time_limit) {
      r.warning(ex.scenarios[i].time_limit ? scoring::member_path(scoring::element_path("scenarios", i), "time_limit")
                                           : "time_limit",
                fmt::format("{:g} s is longer than the whole exercise's total_time_limit ({:g} s)", *limit,
                            *ex.total_time_limit));
      return;
    }
  }
}

}  // namespace

ExerciseLoad exercise_from_doc(const scoring::JsonDoc& doc) {
  ExerciseLoad result;
  FieldReader r(doc, result.diagnostics);
  const Json& root = doc.root;
  if (!root.is_object()) {
    r.wrong_type("", root, "an object with \"format\", \"title\" and \"scenarios\"");
    return result;
  }
  Exercise ex;
  ex.file = doc.file;
  ex.id = fs::path(doc.file).stem().string();
  ex.results_dir = (engine::folder_of(doc.file) / "results").lexically_normal().string();
  if (!root.contains("format")) r.error("", fmt::format("missing \"format\": \"{}\"", k_exercise_format));
  else if (root["format"] != k_exercise_format)
    r.error("format", fmt::format("{} is not \"{}\"", scoring::quoted_value(root["format"]), k_exercise_format));
  bool has_order_seed = root.contains("order_seed");
  for (const auto& [key, value] : root.items()) read_field(r, ex, key, value);
  if (!has_order_seed) ex.order_seed = ex.seed;
  if (!root.contains("title")) r.error("", "missing \"title\"");
  if (!root.contains("scenarios")) r.error("", "missing \"scenarios\" (a list of scenario ids or paths)");
  else read_scenarios(r, ex, root["scenarios"]);
  ex.saved_replies = engine::read_saved_replies(r, root, "exercise");
  check_times(r, ex);
  if (!scoring::has_errors(result.diagnostics)) result.exercise = std::move(ex);
  return result;
}

ExerciseLoad load_exercise(const std::string& path) {
  auto parsed = scoring::parse_json_file(path);
  if (!parsed.doc) return ExerciseLoad{std::nullopt, {*parsed.error}};
  return exercise_from_doc(*parsed.doc);
}

namespace {

// The exercise's saved replies name case fields `scenario` must have (located in the exercise).
void check_reply_refs(const Exercise& exercise, const Scenario& scenario, scoring::Diagnostics& out) {
  for (std::size_t i = 0; i < exercise.saved_replies.size(); ++i) {
    std::vector<std::string> unknown;
    engine::fill_case_refs(scenario, exercise.saved_replies[i].text, &unknown);
    for (const auto& ref : unknown)
      out.push_back({exercise.file, exercise.saved_replies[i].at, member_path(element_path("saved_replies", i), "text"),
                     fmt::format("unknown case reference \"{{case.{}}}\": scenario \"{}\" has no such field (an "
                                 "exercise's saved replies may name only fields every scenario has)",
                                 ref, scenario.id),
                     scoring::Severity::error});
  }
}

}  // namespace

ExerciseScenariosLoad load_exercise_scenarios(const Exercise& exercise) {
  ExerciseScenariosLoad result;
  for (const auto& s : exercise.scenarios) {
    auto loaded = load_scenario(s.path);
    for (auto& d : loaded.diagnostics) result.diagnostics.push_back(std::move(d));
    if (loaded.scenario) {
      check_reply_refs(exercise, *loaded.scenario, result.diagnostics);
      result.scenarios.push_back(std::move(loaded.scenario));
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------
// [SECTION] Order

namespace {

// A uniform draw in [0, n) by rejection, so the result depends only on mt19937_64's
// standardised output sequence (std::uniform_int_distribution is implementation-defined).
std::uint64_t draw_below(std::mt19937_64& rng, std::uint64_t n) {
  const std::uint64_t max = std::mt19937_64::max();
  const std::uint64_t limit = max - (max % n + 1) % n;  // largest value keeping the draw unbiased
  for (;;) {
    const std::uint64_t x = rng();
    if (x <= limit) return x % n;
  }
}

}  // namespace

std::vector<std::size_t> shuffled_indices(std::size_t count, std::uint64_t seed) {
  std::vector<std::size_t> order(count);
  for (std::size_t i = 0; i < count; ++i) order[i] = i;
  std::mt19937_64 rng(seed);
  for (std::size_t i = count; i > 1; --i) std::swap(order[i - 1], order[draw_below(rng, i)]);
  return order;
}

std::vector<std::size_t> play_order(const Exercise& exercise) {
  if (exercise.order == ExerciseOrder::shuffled)
    return shuffled_indices(exercise.scenarios.size(), exercise.order_seed);
  std::vector<std::size_t> order(exercise.scenarios.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  return order;
}

}  // namespace chatdrill::classroom
