// Reading a scenario's self-tests (`tests`: scripted replies and what they must lead to),
// part of the scenario loader. Running them is `chatdrill validate --run-tests`' business.
#include <fmt/format.h>

#include "scenario_reading.h"

namespace chatdrill::engine::detail {

using scoring::Json;

namespace {

void read_replies(FieldReader& r, const Json& test, const std::string& path, ScenarioTest& out) {
  const Json* rj = r.member(test, path, "replies", true, "the trainee's replies: [{\"at\": 10, \"text\": \"...\"}]");
  if (!rj) return;
  const std::string p = member_path(path, "replies");
  if (!rj->is_array()) {
    r.wrong_type(p, *rj, "a list of {\"at\", \"text\"}");
    return;
  }
  double previous = 0;
  for (std::size_t i = 0; i < rj->size(); ++i) {
    const std::string ep = element_path(p, i);
    const Json& item = (*rj)[i];
    if (!item.is_object()) {
      r.wrong_type(ep, item, "an object {\"at\", \"text\"}");
      continue;
    }
    r.check_members(item, ep, {"at", "text"});
    TestReply reply;
    auto at = r.seconds(item, ep, "at", true, true, 4 * 3600.0);
    auto text = r.text(item, ep, "text", true);
    if (at && *at < previous) {
      r.error(member_path(ep, "at"), fmt::format("{} s is earlier than the reply before it ({} s)", *at, previous));
      at.reset();
    }
    if (!at || !text) continue;
    previous = *at;
    out.replies.push_back(TestReply{*at, *text});
  }
}

void read_scores(FieldReader& r, const Json& expect, const std::string& path, ScenarioTest& out) {
  const Json* sj = r.member(expect, path, "scores", false);
  if (!sj) return;
  const std::string p = member_path(path, "scores");
  if (!sj->is_object()) {
    r.wrong_type(p, *sj, "an object {\"overall\": [lo, hi], ...}");
    return;
  }
  static_assert(scoring::k_dimension_count == 6, "list every dimension here");
  r.check_members(*sj, p,
                  {"overall", scoring::k_dimensions[0], scoring::k_dimensions[1], scoring::k_dimensions[2],
                   scoring::k_dimensions[3], scoring::k_dimensions[4], scoring::k_dimensions[5]});
  for (const auto& [name, range] : sj->items()) {
    const std::string ep = member_path(p, name);
    if (!range.is_array() || range.size() != 2 || !range[0].is_number() || !range[1].is_number()) {
      r.error(ep, "must be [lowest, highest], two scores 0..100");
      continue;
    }
    const double lo = range[0].get<double>(), hi = range[1].get<double>();
    if (lo < 0 || hi > 100 || lo > hi) {
      r.error(ep, fmt::format("[{}, {}] is not a range within 0..100", lo, hi));
      continue;
    }
    out.scores[name] = {lo, hi};
  }
}

void read_expectation(ReadContext& ctx, const Json& test, const std::string& path, ScenarioTest& out) {
  FieldReader& r = ctx.reader;
  const Json* ej = r.member(test, path, "expect", true, "what the run must lead to");
  if (!ej) return;
  const std::string p = member_path(path, "expect");
  if (!ej->is_object()) {
    r.wrong_type(p, *ej, "an object {\"outcome\", \"reaches\", \"scores\"}");
    return;
  }
  r.check_members(*ej, p, {"outcome", "not_outcome", "reaches", "scores"});
  if (const Json* no = r.member(*ej, p, "not_outcome", false)) {
    const std::string np = member_path(p, "not_outcome");
    if (no->is_string()) out.not_outcomes.push_back(no->get<std::string>());
    else if (auto list = r.texts(*ej, p, "not_outcome", false, true)) out.not_outcomes = std::move(*list);
    for (const auto& o : out.not_outcomes)
      if (!is_outcome(o)) r.error(np, fmt::format("\"{}\" is not a valid outcome", o));
  }
  if (auto outcome = r.text(*ej, p, "outcome", false)) {
    if (!is_outcome(*outcome))
      r.error(member_path(p, "outcome"), fmt::format("\"{}\" is not a valid outcome", *outcome));
    out.outcome = *outcome;
  }
  if (auto reaches = r.texts(*ej, p, "reaches", false, false)) {
    for (std::size_t i = 0; i < reaches->size(); ++i)
      ctx.refs.push_back({(*reaches)[i], element_path(member_path(p, "reaches"), i)});
    out.reaches = std::move(*reaches);
  }
  read_scores(r, *ej, p, out);
}

}  // namespace

void read_tests(ReadContext& ctx, const Json& root) {
  FieldReader& r = ctx.reader;
  const Json* tj = r.member(root, "", "tests", false);
  if (!tj) return;
  if (!tj->is_array()) {
    r.wrong_type("tests", *tj, "a list of {\"name\", \"replies\", \"expect\"}");
    return;
  }
  for (std::size_t i = 0; i < tj->size(); ++i) {
    const std::string p = element_path("tests", i);
    const Json& item = (*tj)[i];
    if (!item.is_object()) {
      r.wrong_type(p, item, "an object {\"name\", \"replies\", \"expect\"}");
      continue;
    }
    r.check_members(item, p, {"name", "seed", "replies", "expect"});
    ScenarioTest test;
    test.name = r.text(item, p, "name", true).value_or("");
    if (const Json* seed = r.member(item, p, "seed", false)) {
      if (!seed->is_number_integer() || (!seed->is_number_unsigned() && seed->get<std::int64_t>() < 0))
        r.wrong_type(member_path(p, "seed"), *seed, "a whole number >= 0");
      else test.seed = seed->get<std::uint64_t>();
    }
    read_replies(r, item, p, test);
    read_expectation(ctx, item, p, test);
    ctx.scenario.tests.push_back(std::move(test));
  }
}

}  // namespace chatdrill::engine::detail
