// The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts and
// nothing loaded from elsewhere, so it can be mailed or archived as it is. Every piece of
// text that came from a trainee, a customer or a file goes through html_escape.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "report.h"

namespace chatdrill::cli {

namespace kind = scoring::kind;

namespace {

constexpr const char* k_style = R"(
body{font-family:"DejaVu Sans",Arial,sans-serif;margin:1.5em;color:#1d2733;background:#fbfcfd}
h1{font-size:1.5em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:1px solid #d5dce3}
.meta{color:#56636f;margin:0 0 1em}
table{border-collapse:collapse;font-size:.9em}th,td{border:1px solid #d5dce3;padding:.25em .5em;text-align:center}
th{background:#eef2f6}td.name,th.name{text-align:left}
td.good{background:#d9f2dc}td.ok{background:#fff4cc}td.poor{background:#fbdcdc}td.none{color:#9aa5b1}
.out{display:block;font-size:.75em;color:#56636f}td.timeup .out{color:#a3361f;font-weight:bold}
.charts{display:flex;flex-wrap:wrap;gap:1em}.chart{background:#fff;border:1px solid #d5dce3;padding:.4em}
details{margin:.3em 0}summary{cursor:pointer;font-weight:bold}
.session{margin:.5em 0 1em 1em}.msg{margin:.15em 0}.msg .at{color:#8a96a3;font-size:.8em;margin-right:.4em}
.customer .who{color:#1f5fa3}.trainee .who{color:#2c7a3a}.event{color:#8a96a3;font-style:italic}
.skipped li{font-family:monospace;font-size:.85em}
)";

std::string band(double score) { return score >= 75 ? "good" : score >= 50 ? "ok" : "poor"; }
std::string num(double v) { return fmt::format("{}", static_cast<long>(std::lround(v))); }

// A histogram of one measure: ten bins of ten points, counts above the bars.
std::string histogram_svg(const char* measure, const classroom::MeasureStats& s) {
  constexpr int w = 336, h = 170, left = 28, bottom = 24, top = 28, bar = 27;
  std::size_t peak = 1;
  for (auto n : s.histogram) peak = std::max(peak, n);
  std::string out = fmt::format(
      "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 "
      "{0} {1}\" "
      "role=\"img\" aria-label=\"{2}\">\n<text x=\"{3}\" y=\"16\" font-size=\"13\" "
      "font-weight=\"bold\">{2}</text>"
      "<text x=\"{4}\" y=\"16\" font-size=\"11\" text-anchor=\"end\" fill=\"#56636f\">mean {5} · n "
      "{6}</text>\n",
      w, h, html_escape(measure), left, w - 6, s.count ? num(s.mean) : "-", s.count);
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

void class_table(std::string& out, const classroom::ClassTable& table) {
  out += "<h2>Trainees × scenarios</h2>\n<table>\n<tr><th class=\"name\">Trainee</th>";
  for (const auto& c : table.scenarios())
    out += fmt::format("<th title=\"{}\">{}</th>", html_escape(c.id), html_escape(c.title.empty() ? c.id : c.title));
  out += "<th>Mean</th></tr>\n";
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
                         time_up ? " timeup" : "", num(r.grade.overall), html_escape(r.outcome()),
                         cell.attempts > 1 ? fmt::format(" ×{}", cell.attempts) : "");
    }
    out += fmt::format("<td>{}</td></tr>\n", row.done ? num(row.mean_overall) : "–");
  }
  out += "<tr><th class=\"name\">Class mean</th>";
  for (const auto& c : table.scenarios()) out += fmt::format("<th>{}</th>", c.count ? num(c.mean_overall) : "–");
  out += fmt::format("<th>{}</th></tr>\n</table>\n", table.stats()[0].count ? num(table.stats()[0].mean) : "–");
}

void averages(std::string& out, const classroom::ClassTable& table) {
  out +=
      "<h2>Class averages</h2>\n<table>\n<tr><th class=\"name\">Measure</th><th>Mean</th><th>Min</th>"
      "<th>Max</th><th>Sessions</th></tr>\n";
  for (std::size_t m = 0; m < classroom::k_measures.size(); ++m) {
    const auto& s = table.stats()[m];
    out += fmt::format("<tr><td class=\"name\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       classroom::k_measures[m], s.count ? num(s.mean) : "–", s.count ? num(s.min) : "–",
                       s.count ? num(s.max) : "–", s.count);
  }
  out += "</table>\n<h2>Score distributions</h2>\n<div class=\"charts\">\n";
  for (std::size_t m = 0; m < classroom::k_measures.size(); ++m)
    out += histogram_svg(classroom::k_measures[m], table.stats()[m]);
  out += "</div>\n";
}

void session_details(std::string& out, const classroom::SessionResult& r) {
  out += fmt::format("<div class=\"session\"><b>{}</b> — {} — overall {}",
                     html_escape(r.scenario_title.empty() ? r.scenario_id : r.scenario_title), html_escape(r.outcome()),
                     num(r.grade.overall));
  for (std::size_t d = 0; d < scoring::k_dimensions.size(); ++d)
    if (r.grade.dimensions[d].graded)
      out += fmt::format(" · {} {}", scoring::k_dimensions[d], num(r.grade.dimensions[d].score));
  out += fmt::format("<br><small>{} – {}</small>\n", html_escape(r.started_at), html_escape(r.ended_at));
  for (const auto& m : r.transcript.messages) {
    const bool message = m.kind == kind::message || m.kind == kind::nudge;
    out += fmt::format(
        "<div class=\"msg {}{}\"><span class=\"at\">{:.0f} s</span><span class=\"who\">{}</span>: {}</div>\n",
        html_escape(m.from), message ? "" : " event", m.at,
        html_escape(m.kind == kind::message ? m.from : m.from + " (" + m.kind + ")"), html_escape(m.text));
  }
  out += "</div>\n";
}

void transcripts(std::string& out, const classroom::ClassTable& table) {
  out += "<h2>Transcripts</h2>\n";
  for (const auto& row : table.trainees()) {
    out += fmt::format("<details><summary>{} ({} done, mean {})</summary>\n", html_escape(row.name), row.done,
                       row.done ? num(row.mean_overall) : "–");
    for (const auto& cell : row.cells)
      if (cell.latest) session_details(out, cell.latest->result);
    out += "</details>\n";
  }
}

void problems(std::string& out, const classroom::ClassTable& table) {
  const auto skipped = table.skipped();
  if (!table.live_journals().empty()) {
    out += fmt::format(
        "<h2>Sessions not finished</h2>\n<p>{} journal(s) in live/: running now, or interrupted "
        "(recoverable).</p><ul class=\"skipped\">",
        table.live_journals().size());
    for (const auto& j : table.live_journals())
      out += fmt::format("<li>{}</li>", html_escape(std::filesystem::path(j).filename().string()));
    out += "</ul>\n";
  }
  if (skipped.empty()) return;
  out +=
      fmt::format("<h2>Skipped files</h2>\n<p>{} file(s) could not be read as results:</p>\n<ul class=\"skipped\">\n",
                  skipped.size());
  for (const auto& d : skipped) out += fmt::format("<li>{}</li>\n", html_escape(d.to_string()));
  out += "</ul>\n";
}

}  // namespace

std::string render_html(const classroom::ClassTable& table) {
  const std::string title = table.exercise_title().empty() ? "chatdrill report" : table.exercise_title();
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"fi\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "img-src data:\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n"
      "<p class=\"meta\">{} trainees · {} scenarios · {} results{}</p>\n",
      html_escape(title), k_style, html_escape(title), table.trainees().size(), table.scenarios().size(),
      table.result_count(), table.skipped().empty() ? "" : fmt::format(" · {} skipped", table.skipped().size()));
  class_table(out, table);
  averages(out, table);
  problems(out, table);
  transcripts(out, table);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace chatdrill::cli
