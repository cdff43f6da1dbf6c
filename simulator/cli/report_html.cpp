// The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts and
// nothing loaded from elsewhere, so it can be mailed or archived as it is. Every piece of
// text that came from a trainee, a customer or a file goes through html_escape. Every word
// the page itself says comes from the exercise language's string table, so a Finnish class
// gets a Finnish page: outcome labels, dimension names and local dates, never raw ids.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>

#include "report.h"
#include "scoring/core/json_doc.h"
#include "scoring/core/paths.h"
#include "scoring/core/timestamp.h"
#include "simulator/engine/scenario.h"
#include "simulator/engine/scenario_loader.h"

namespace chatdrill::cli {

namespace kind = scoring::kind;
using classroom::score_text;  // the dashboard's rounding

// ---------------------------------------------------------------------------------------
// Context: language, strings, endings, time zone

std::string ReportContext::text(std::string_view key) const {
  auto it = strings.find(std::string(key));
  return it != strings.end() ? it->second : std::string(key);
}

std::string report_language(const classroom::ClassTable& table, const classroom::Exercise* exercise) {
  std::map<std::string, std::size_t> counts;
  for (const auto& row : table.trainees())
    for (const auto& cell : row.cells)
      if (cell.latest && !cell.latest->result.transcript.language.empty())
        ++counts[cell.latest->result.transcript.language];
  if (counts.empty() && exercise) {
    for (const auto& s : exercise->scenarios) {
      auto load = engine::load_scenario(s.path);
      if (load.scenario && !load.scenario->language.empty()) ++counts[load.scenario->language];
    }
  }
  std::string best = "en";
  std::size_t best_count = 0;
  for (const auto& [language, n] : counts)
    if (n > best_count) best = language, best_count = n;
  return best;
}

std::unordered_map<std::string, std::string> load_report_strings(const std::string& language) {
  std::unordered_map<std::string, std::string> table;
  auto parse = scoring::parse_json_file(scoring::data_path("assets/strings/" + language + ".json").string());
  if (!parse.doc) return table;
  const auto& root = parse.doc->root;
  if (!root.is_object() || root.value("format", "") != "chatdrill.strings/1" || !root.contains("strings") ||
      !root["strings"].is_object())
    return table;
  for (const auto& [key, value] : root["strings"].items())
    if (value.is_string()) table[key] = value.get<std::string>();
  return table;
}

namespace {

void add_endings(ReportContext& context, const engine::Scenario& scenario) {
  auto& endings = context.endings[scenario.id];
  for (const auto& [id, node] : scenario.nodes)
    if (node.end) endings.try_emplace(node.end->outcome, ReportEnding{node.end->label, node.end->rating});
}

long machine_utc_offset(std::int64_t unix_seconds) {
  const auto t = static_cast<std::time_t>(unix_seconds);
  std::tm local{};
  if (!localtime_r(&t, &local)) return 0;
  return local.tm_gmtoff;
}

}  // namespace

ReportContext load_report_context(const classroom::ClassTable& table,
                                  const std::optional<classroom::Exercise>& exercise) {
  ReportContext context;
  context.exercise = exercise;
  context.language = report_language(table, exercise ? &*exercise : nullptr);
  context.strings = load_report_strings(context.language);
  context.utc_offset = machine_utc_offset;
  if (exercise)
    for (const auto& s : exercise->scenarios)
      if (auto load = engine::load_scenario(s.path); load.scenario) add_endings(context, *load.scenario);
  for (const auto& column : table.scenarios()) {
    if (context.endings.count(column.id)) continue;
    if (auto path = engine::find_bundled_scenario(column.id))
      if (auto load = engine::load_scenario(*path); load.scenario) add_endings(context, *load.scenario);
  }
  return context;
}

std::string local_time_text(const ReportContext& context, const std::string& iso) {
  const auto unix_seconds = scoring::parse_utc_timestamp(iso);
  if (!unix_seconds) return iso;
  const long offset = context.utc_offset ? context.utc_offset(*unix_seconds) : 0;
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm): no C library time zone.
  const std::int64_t local = *unix_seconds + offset;
  std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  const std::int64_t secs = local - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const std::int64_t hour = secs / 3600, minute = secs % 3600 / 60;
  if (context.language == "fi") return fmt::format("{}.{}.{} klo {}.{:02}", day, month, year, hour, minute);
  static constexpr std::array<const char*, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{} {} {}, {:02}:{:02}", day, k_months[static_cast<std::size_t>(month - 1)], year, hour, minute);
}

bool good_outcome(const ReportContext& context, const classroom::SessionResult& result) {
  std::optional<double> rating;
  if (auto s = context.endings.find(result.scenario_id); s != context.endings.end())
    if (auto e = s->second.find(result.outcome()); e != s->second.end()) rating = e->second.rating;
  if (!rating) rating = scoring::default_outcome_rating(result.outcome());
  return rating && *rating >= 75;
}

std::optional<double> first_reply_seconds(const scoring::Transcript& transcript) {
  std::optional<double> asked;
  for (const auto& m : transcript.messages) {
    if (m.kind != kind::message) continue;
    if (m.from == "customer" && !asked) asked = m.at;
    if (m.from == "trainee" && asked) return std::max(0.0, m.at - *asked);
  }
  return std::nullopt;
}

namespace {

constexpr const char* k_style = R"(
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5em;color:#1d2733;background:#fbfcfd}
h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:1px solid #d5dce3}
.meta{color:#56636f;margin:0 0 1em}
table{border-collapse:collapse;font-size:.9em}th,td{border:1px solid #d5dce3;padding:.25em .5em;text-align:center}
th{background:#eef2f6}td.name,th.name,td.text{text-align:left}
td.good,.sw.good{background:#d9f2dc}td.ok,.sw.ok{background:#fff4cc}td.poor,.sw.poor{background:#fbdcdc}td.none{color:#9aa5b1}
.legend{list-style:none;padding:0;margin:.3em 0;display:flex;flex-wrap:wrap;gap:1.2em;font-size:.9em}
.sw{display:inline-block;width:1.4em;height:1em;border:1px solid #9aa5b1;vertical-align:middle;margin-right:.35em}
.sw.timeup{border:none;width:auto;height:auto;color:#a3361f;font-weight:bold}
.out{display:block;font-size:.75em;color:#56636f}td.timeup .out{color:#a3361f;font-weight:bold}
.charts{display:flex;flex-wrap:wrap;gap:1em}.chart{background:#fff;border:1px solid #d5dce3;padding:.4em}
details{margin:.3em 0}summary{cursor:pointer;font-weight:bold}
.session{margin:.5em 0 1em 1em}.msg{margin:.15em 0}.msg .at{color:#8a96a3;font-size:.8em;margin-right:.4em}
.customer .who{color:#1f5fa3}.trainee .who{color:#2c7a3a}.event{color:#8a96a3;font-style:italic}
.skipped li{font-family:monospace;font-size:.85em}
@media print{
@page{size:A4;margin:14mm 12mm}
body{background:none;color:#000;margin:0;font-size:10pt}
th,.chart{background:none}
td.good,td.ok,td.poor,.sw.good,.sw.ok,.sw.poor{background:none}
td.good,.sw.good{border-left:4px solid #4c9a5b}td.ok,.sw.ok{border-left:4px solid #d9a400}
td.poor,.sw.poor{border-left:4px solid #c8553d}
table{font-size:9pt;max-width:100%}tr,.session,svg.chart{break-inside:avoid;page-break-inside:avoid}
h2{break-after:avoid;page-break-after:avoid}
svg.chart{width:85mm;height:auto}
summary{list-style:none}
}
)";

std::string band(double score) { return score >= 75 ? "good" : score >= 50 ? "ok" : "poor"; }

std::string measure_name(const ReportContext& c, std::size_t measure) {
  return measure == 0 ? c.text("report.overall") : c.text(std::string("dim.") + classroom::k_measures[measure]);
}

std::string outcome_name(const ReportContext& c, const classroom::SessionResult& r) {
  if (auto s = c.endings.find(r.scenario_id); s != c.endings.end())
    if (auto e = s->second.find(r.outcome()); e != s->second.end() && !e->second.label.empty()) return e->second.label;
  const std::string key = "outcome." + r.outcome();
  if (c.strings.count(key)) return c.text(key);
  std::string plain = r.outcome();  // an outcome nobody named: at least no underscores
  std::replace(plain.begin(), plain.end(), '_', ' ');
  return plain;
}

std::string duration(const ReportContext& c, double seconds) {
  const long s = std::lround(seconds);
  if (s >= 60 && s % 60 == 0) return c.format("report.minutes", s / 60);
  return c.format("report.seconds", s);
}

// A histogram of one measure: ten bins of ten points, counts above the bars, coloured by the
// legend's bands. The 70-79 bar straddles the good band (75+): `fair_70s` of its scores are
// below 75 and drawn in the fair colour under the good ones.
std::string histogram_svg(const ReportContext& c, const std::string& measure, const classroom::MeasureStats& s,
                          std::size_t fair_70s) {
  constexpr int w = 336, h = 188, left = 28, bottom = 24, top = 46, bar = 27;
  std::size_t peak = 1;
  for (auto n : s.histogram) peak = std::max(peak, n);
  std::string out = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 "
      "{0} {1}\" "
      "role=\"img\" aria-label=\"{2}\">\n<text x=\"{3}\" y=\"16\" font-size=\"13\" "
      "font-weight=\"bold\">{2}</text>"
      "<text x=\"{4}\" y=\"31\" font-size=\"11\" text-anchor=\"end\" fill=\"#56636f\">{5}</text>\n",
      w, h, html_escape(measure), left, w - 6,
      html_escape(c.format("report.chart_mean", s.count ? score_text(s.mean) : "–", s.count)));
  const int plot = h - top - bottom;
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#8a96a3\"/>\n", left, h - bottom,
                     left + 10 * (bar + 2));
  for (std::size_t i = 0; i < classroom::k_histogram_bins; ++i) {
    const int bh =
        static_cast<int>(std::lround(static_cast<double>(s.histogram[i]) / static_cast<double>(peak) * plot));
    const int x = left + static_cast<int>(i) * (bar + 2);
    const char* colour = i >= 7 ? "#4c9a5b" : i >= 5 ? "#d9a400" : "#c8553d";
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}-{}: {}</title></rect>",
                       x, h - bottom - bh, bar, bh, colour, i * 10, i == 9 ? 100 : i * 10 + 9, s.histogram[i]);
    if (i == 7 && fair_70s) {
      const int fh = static_cast<int>(
          std::lround(static_cast<double>(std::min(fair_70s, s.histogram[i])) / static_cast<double>(peak) * plot));
      out += fmt::format(
          "<rect class=\"fair70\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#d9a400\"><title>70-74: "
          "{}</title></rect>",
          x, h - bottom - fh, bar, fh, fair_70s);
    }
    if (s.histogram[i])
      out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>", x + bar / 2,
                         h - bottom - bh - 3, s.histogram[i]);
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"9\" fill=\"#56636f\">{}</text>\n", x - 3, h - bottom + 12,
                       i * 10);
  }
  out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"9\" fill=\"#56636f\">100</text></svg>\n",
                     left + 10 * (bar + 2) - 8, h - bottom + 12);
  return out;
}

void settings(std::string& out, const ReportContext& c) {
  if (!c.exercise) return;
  const classroom::Exercise& e = *c.exercise;
  auto row = [&](const char* key, const std::string& value) {
    out += fmt::format("<tr><th class=\"name\">{}</th><td class=\"text\">{}</td></tr>\n", html_escape(c.text(key)),
                       html_escape(value));
  };
  out += fmt::format("<h2>{}</h2>\n<table class=\"settings\">\n", html_escape(c.text("report.settings")));
  row("report.setting.title", e.title.empty() ? e.id : e.title);
  row("report.setting.scenarios", fmt::format("{}", e.scenarios.size()));
  row("report.setting.time_limit", e.time_limit ? duration(c, *e.time_limit) : c.text("report.no_limit"));
  for (std::size_t i = 0; i < e.scenarios.size(); ++i)
    if (e.scenarios[i].time_limit)
      row("report.setting.own_limit",
          fmt::format("{}: {}", e.scenarios[i].ref, duration(c, *e.scenarios[i].time_limit)));
  row("report.setting.total_time_limit",
      e.total_time_limit ? duration(c, *e.total_time_limit) : c.text("report.no_limit"));
  if (e.start_at) row("report.setting.start_at", local_time_text(c, *e.start_at));
  row("report.setting.order", e.order == classroom::ExerciseOrder::shuffled
                                  ? c.format("report.order.shuffled", e.order_seed)
                                  : c.text("report.order.fixed"));
  row("report.setting.feedback", c.text(std::string("report.feedback.") + classroom::feedback_name(e.feedback)));
  row("report.setting.seed", fmt::format("{}", e.seed));
  out += "</table>\n";
  out += fmt::format("<h2>{}</h2>\n", html_escape(c.text("report.weights")));
  if (!e.weights) {
    out += fmt::format("<p>{}</p>\n", html_escape(c.text("report.weights_scenario")));
    return;
  }
  double total = 0;
  for (double w : *e.weights) total += w;
  out += fmt::format("<table class=\"weights\">\n<tr><th class=\"name\">{}</th><th>{}</th><th>{}</th></tr>\n",
                     html_escape(c.text("report.dimension")), html_escape(c.text("report.weight")),
                     html_escape(c.text("report.share")));
  for (std::size_t d = 0; d < scoring::k_dimensions.size(); ++d)
    out += fmt::format("<tr><td class=\"name\">{}</td><td>{}</td><td>{}</td></tr>\n",
                       html_escape(c.text(std::string("dim.") + scoring::k_dimensions[d])), (*e.weights)[d],
                       html_escape(c.format("report.percent",
                                            total > 0 ? score_text(100 * (*e.weights)[d] / total) : std::string("0"))));
  out += "</table>\n";
}

void legend(std::string& out, const ReportContext& c) {
  out += fmt::format(
      "<h2>{}</h2>\n<ul class=\"legend\"><li><span class=\"sw good\"></span>{}</li><li><span class=\"sw "
      "ok\"></span>{}</li><li><span class=\"sw poor\"></span>{}</li><li><span class=\"sw timeup\">{}</span>{}</li>"
      "</ul>\n",
      html_escape(c.text("report.legend")), html_escape(c.text("report.legend.good")),
      html_escape(c.text("report.legend.ok")), html_escape(c.text("report.legend.poor")),
      html_escape(c.text("outcome.time_up")), html_escape(c.text("report.legend.time_up")));
}

void class_table(std::string& out, const classroom::ClassTable& table, const ReportContext& c) {
  out += fmt::format("<h2>{}</h2>\n<table class=\"scores\">\n<tr><th class=\"name\">{}</th>",
                     html_escape(c.text("report.table")), html_escape(c.text("report.trainee")));
  for (const auto& col : table.scenarios())
    out += fmt::format("<th title=\"{}\">{}</th>", html_escape(col.id),
                       html_escape(col.title.empty() ? col.id : col.title));
  out += fmt::format("<th>{}</th></tr>\n", html_escape(c.text("report.mean")));
  for (const auto& row : table.trainees()) {
    out += fmt::format("<tr><td class=\"name\">{}</td>", html_escape(row.name));
    for (const auto& cell : row.cells) {
      if (!cell.latest) {
        out += "<td class=\"none\">–</td>";
        continue;
      }
      const auto& r = cell.latest->result;
      const bool time_up = r.outcome() == "time_up";
      out += fmt::format("<td class=\"{}{}\">{}<span class=\"out\">{}{}</span></td>", band(r.grade.overall),
                         time_up ? " timeup" : "", score_text(r.grade.overall), html_escape(outcome_name(c, r)),
                         cell.attempts > 1 ? html_escape(c.format("report.attempts", cell.attempts)) : "");
    }
    out += fmt::format("<td>{}</td></tr>\n", row.done ? score_text(row.mean_overall) : "–");
  }
  out += fmt::format("<tr><th class=\"name\">{}</th>", html_escape(c.text("report.class_mean")));
  for (const auto& col : table.scenarios())
    out += fmt::format("<th>{}</th>", col.count ? score_text(col.mean_overall) : "–");
  out += fmt::format("<th>{}</th></tr>\n</table>\n", table.stats()[0].count ? score_text(table.stats()[0].mean) : "–");
}

// Per trainee: resolution rate, mean first reply, strongest and weakest dimension.
void trainee_summaries(std::string& out, const classroom::ClassTable& table, const ReportContext& c) {
  out += fmt::format(
      "<h2>{}</h2>\n<table class=\"trainees\">\n<tr><th class=\"name\">{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th class=\"name\">{}</th></tr>\n",
      html_escape(c.text("report.trainees")), html_escape(c.text("report.trainee")), html_escape(c.text("report.done")),
      html_escape(c.text("report.resolution_rate")), html_escape(c.text("report.first_reply")),
      html_escape(c.text("report.strengths")));
  for (const auto& row : table.trainees()) {
    std::size_t good = 0, replies = 0;
    double reply_total = 0;
    std::array<double, scoring::k_dimension_count> sums{};
    std::array<std::size_t, scoring::k_dimension_count> counts{};
    for (const auto& cell : row.cells) {
      if (!cell.latest) continue;
      const auto& r = cell.latest->result;
      if (good_outcome(c, r)) ++good;
      if (auto first = first_reply_seconds(r.transcript)) reply_total += *first, ++replies;
      for (std::size_t d = 0; d < scoring::k_dimension_count; ++d)
        if (r.grade.dimensions[d].graded) sums[d] += r.grade.dimensions[d].score, ++counts[d];
    }
    std::optional<std::size_t> best, worst;
    for (std::size_t d = 0; d < scoring::k_dimension_count; ++d) {
      if (!counts[d]) continue;
      const double mean = sums[d] / static_cast<double>(counts[d]);
      if (!best || mean > sums[*best] / static_cast<double>(counts[*best])) best = d;
      if (!worst || mean < sums[*worst] / static_cast<double>(counts[*worst])) worst = d;
    }
    auto dim_text = [&](std::size_t d) {
      return c.format("report.dimension_score", c.text(std::string("dim.") + scoring::k_dimensions[d]),
                      score_text(sums[d] / static_cast<double>(counts[d])));
    };
    const std::string summary =
        best && worst && *best != *worst ? c.format("report.best_worst", dim_text(*best), dim_text(*worst)) : "–";
    out += fmt::format(
        "<tr><td class=\"name\">{}</td><td>{}/{}</td><td>{}</td><td>{}</td><td class=\"text\">{}</td></tr>\n",
        html_escape(row.name), row.done, table.scenarios().size(),
        row.done ? html_escape(c.format("report.percent",
                                        score_text(100.0 * static_cast<double>(good) / static_cast<double>(row.done))))
                 : "–",
        replies ? html_escape(c.format("report.seconds", score_text(reply_total / static_cast<double>(replies)))) : "–",
        html_escape(summary));
  }
  out += "</table>\n";
}

void averages(std::string& out, const classroom::ClassTable& table, const ReportContext& c) {
  out += fmt::format(
      "<h2>{}</h2>\n<table>\n<tr><th class=\"name\">{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
      html_escape(c.text("report.averages")), html_escape(c.text("report.measure")), html_escape(c.text("report.mean")),
      html_escape(c.text("report.min")), html_escape(c.text("report.max")), html_escape(c.text("report.sessions")));
  for (std::size_t m = 0; m < classroom::k_measures.size(); ++m) {
    const auto& s = table.stats()[m];
    out += fmt::format("<tr><td class=\"name\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       html_escape(measure_name(c, m)), s.count ? score_text(s.mean) : "–",
                       s.count ? score_text(s.min) : "–", s.count ? score_text(s.max) : "–", s.count);
  }
  out += fmt::format("</table>\n<h2>{}</h2>\n<div class=\"charts\">\n", html_escape(c.text("report.distributions")));
  for (std::size_t m = 0; m < classroom::k_measures.size(); ++m) {
    std::size_t fair_70s = 0;  // the same results the stats count: each trainee's latest per scenario
    for (const auto& row : table.trainees())
      for (const auto& cell : row.cells)
        if (cell.latest && classroom::measure_graded(cell.latest->result, m)) {
          const double score = classroom::measure_score(cell.latest->result, m);
          if (score >= 70 && score < 75) ++fair_70s;
        }
    out += histogram_svg(c, measure_name(c, m), table.stats()[m], fair_70s);
  }
  out += "</div>\n";
}

std::string sender(const ReportContext& c, const scoring::Message& m) {
  const std::string who = c.text(m.from == "customer"  ? "report.from.customer"
                                 : m.from == "trainee" ? "report.from.trainee"
                                                       : "report.from.system");
  return m.kind == kind::message ? who : who + " (" + m.kind + ")";
}

std::string time_range(const ReportContext& c, const std::string& from, const std::string& to) {
  const std::string a = local_time_text(c, from), b = local_time_text(c, to);
  // Same day: "1.12.2026 klo 11.00–11.05".
  const auto cut = [&](const std::string& t) { return t.rfind(' '); };
  if (cut(a) != std::string::npos && cut(b) != std::string::npos && a.substr(0, cut(a)) == b.substr(0, cut(b)))
    return a + "–" + b.substr(cut(b) + 1);
  return a + " – " + b;
}

void session_details(std::string& out, const classroom::SessionResult& r, const ReportContext& c) {
  out += fmt::format(
      "<div class=\"session\"><b>{}</b> — {} — {}",
      html_escape(r.scenario_title.empty() ? r.scenario_id : r.scenario_title), html_escape(outcome_name(c, r)),
      html_escape(c.format("report.dimension_score", c.text("report.overall"), score_text(r.grade.overall))));
  for (std::size_t d = 0; d < scoring::k_dimensions.size(); ++d)
    if (r.grade.dimensions[d].graded)
      out +=
          " · " + html_escape(c.format("report.dimension_score", c.text(std::string("dim.") + scoring::k_dimensions[d]),
                                       score_text(r.grade.dimensions[d].score)));
  out += fmt::format("<br><small>{}</small>\n", html_escape(time_range(c, r.started_at, r.ended_at)));
  for (const auto& m : r.transcript.messages) {
    const bool message = m.kind == kind::message || m.kind == kind::nudge;
    out += fmt::format("<div class=\"msg {}{}\"><span class=\"at\">{}</span><span class=\"who\">{}</span>: {}</div>\n",
                       m.from == "customer" || m.from == "trainee" ? m.from : "system", message ? "" : " event",
                       html_escape(c.format("report.seconds", score_text(m.at))), html_escape(sender(c, m)),
                       html_escape(m.text));
  }
  out += "</div>\n";
}

void transcripts(std::string& out, const classroom::ClassTable& table, const ReportContext& c) {
  out += fmt::format("<h2>{}</h2>\n", html_escape(c.text("report.transcripts")));
  for (const auto& row : table.trainees()) {
    out += fmt::format("<details><summary>{}</summary>\n",
                       html_escape(c.format("report.transcript_summary", row.name, row.done,
                                            row.done ? score_text(row.mean_overall) : "–")));
    for (const auto& cell : row.cells)
      if (cell.latest) session_details(out, cell.latest->result, c);
    out += "</details>\n";
  }
}

void problems(std::string& out, const classroom::ClassTable& table, const ReportContext& c) {
  const auto skipped = table.skipped();
  if (!table.live_journals().empty()) {
    out += fmt::format("<h2>{}</h2>\n<p>{}</p><ul class=\"skipped\">", html_escape(c.text("report.live")),
                       html_escape(c.format("report.live_text", table.live_journals().size())));
    for (const auto& j : table.live_journals())
      out += fmt::format("<li>{}</li>", html_escape(std::filesystem::path(j).filename().string()));
    out += "</ul>\n";
  }
  if (skipped.empty()) return;
  out += fmt::format("<h2>{}</h2>\n<p>{}</p>\n<ul class=\"skipped\">\n", html_escape(c.text("report.skipped")),
                     html_escape(c.format("report.skipped_text", skipped.size())));
  for (const auto& d : skipped) out += fmt::format("<li>{}</li>\n", html_escape(d.to_string()));
  out += "</ul>\n";
}

// "1.12.2026 klo 11.00 – 2.12.2026 klo 9.30": the first start and the last end in the class.
std::string period(const classroom::ClassTable& table, const ReportContext& c) {
  std::string first, last;
  for (const auto& row : table.trainees())
    for (const auto& cell : row.cells) {
      if (!cell.latest) continue;
      const auto& r = cell.latest->result;
      if (!r.started_at.empty() && (first.empty() || r.started_at < first)) first = r.started_at;
      if (!r.ended_at.empty() && (last.empty() || r.ended_at > last)) last = r.ended_at;
    }
  if (first.empty() || last.empty()) return {};
  return c.format("report.period", time_range(c, first, last));
}

}  // namespace

std::string render_html(const classroom::ClassTable& table, const ReportContext& c) {
  std::string title = c.exercise && !c.exercise->title.empty() ? c.exercise->title : table.exercise_title();
  if (title.empty()) title = c.text("report.default_title");
  const std::string when = period(table, c);
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "img-src data:\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n"
      "<p class=\"meta\">{}{}{}</p>\n",
      html_escape(c.language), html_escape(title), k_style, html_escape(title),
      html_escape(c.format("report.summary", table.trainees().size(), table.scenarios().size(), table.result_count())),
      table.skipped().empty() ? "" : " · " + html_escape(c.format("report.skipped_n", table.skipped().size())),
      when.empty() ? "" : "<br>" + html_escape(when));
  settings(out, c);
  legend(out, c);
  class_table(out, table, c);
  trainee_summaries(out, table, c);
  averages(out, table, c);
  problems(out, table, c);
  transcripts(out, table, c);
  out += "</body>\n</html>\n";
  return out;
}

std::string render_html(const classroom::ClassTable& table) { return render_html(table, load_report_context(table)); }

}  // namespace chatdrill::cli
