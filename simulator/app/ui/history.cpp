// Recent sessions list and exports (JSON + printable HTML summary).
#include "history.h"

#include "settings.h"

#include "scoring/core/html.h"
#include "scoring/core/timestamp.h"
#include "simulator/engine/files.h"

#include <fmt/format.h>

#include <algorithm>

namespace chatdrill::app {

namespace kind = scoring::kind;
namespace sender = scoring::sender;

std::string sessions_dir() { return (data_dir() / "sessions").string(); }

std::vector<RecentSession> recent_sessions(const std::string& dir, std::size_t max, std::vector<std::string>* skipped) {
  std::vector<RecentSession> out;
  auto folder = classroom::load_results_folder(dir);
  if (skipped) {
    skipped->clear();
    std::error_code ec;
    for (const auto& d : folder.skipped)  // a sessions folder not made yet is not a problem
      if (d.file != dir || std::filesystem::is_directory(dir, ec)) skipped->push_back(d.to_string());
  }
  for (auto& loaded : folder.results) {
    const auto& r = loaded.result;
    RecentSession recent{loaded.file,     r.scenario_title.empty() ? r.scenario_id : r.scenario_title,
                         r.scenario_id,   r.outcome(),
                         r.ended_at,      r.trainee,
                         r.grade.overall, {}};
    for (std::size_t d = 0; d < scoring::k_dimension_count; ++d)
      if (r.grade.dimensions[d].graded) recent.scores[d] = r.grade.dimensions[d].score;
    out.push_back(std::move(recent));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.ended_at > b.ended_at; });
  if (out.size() > max) out.resize(max);
  return out;
}

namespace {

// Escaped text with its line breaks kept.
std::string esc(std::string_view s) {
  std::string out;
  for (std::size_t begin = 0;;) {
    const std::size_t end = s.find('\n', begin);
    out += scoring::html_escape(s.substr(begin, end == std::string_view::npos ? end : end - begin));
    if (end == std::string_view::npos) return out;
    out += "<br>";
    begin = end + 1;
  }
}

std::string evidence_html(const classroom::SessionResult& r, const Strings& t) {
  std::string out;
  for (std::size_t d = 0; d < scoring::k_dimensions.size(); ++d) {
    const auto& dim = r.grade.dimensions[d];
    if (!dim.graded) continue;
    out +=
        fmt::format("<h3>{} — {:.0f}/100</h3><ul>", esc(t(std::string("dim.") + scoring::k_dimensions[d])), dim.score);
    for (const auto& e : dim.evidence) {
      std::string where = e.message ? fmt::format(" <span class=m>#{}</span>", *e.message + 1) : "";
      out += fmt::format("<li><b>{:+.0f}</b> {}{}</li>", e.points, esc(e.note.empty() ? e.rule : e.note), where);
    }
    out += "</ul>";
  }
  return out;
}

}  // namespace

std::string summary_html(const classroom::SessionResult& r, const Strings& t, const engine::Scenario* scenario) {
  std::string title = r.scenario_title.empty() ? r.scenario_id : r.scenario_title;
  std::string out = fmt::format(
      "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><title>{}</title>"
      "<style>body{{font-family:'DejaVu Sans',sans-serif;max-width:46em;margin:2em auto;color:#1d2330}}"
      ".c{{color:#6b7385}}.m{{color:#6b7385;font-size:90%}}li{{margin:.2em 0}}"
      "table{{border-collapse:collapse}}td{{padding:.25em .6em;vertical-align:top;border-bottom:1px solid #e1e4ea}}"
      "</style><h1>{}</h1><p class=c>{}: {} · {}: {} · {}</p><h2>{}: {:.0f}/100</h2>",
      esc(t.language()), esc(title), esc(title), esc(t("review.trainee")), esc(r.trainee), esc(t("review.outcome")),
      esc(t(std::string("outcome.") + r.outcome())), esc(r.ended_at), esc(t("review.overall")), r.grade.overall);
  out += evidence_html(r, t);
  out += fmt::format("<h2>{}</h2><table>", esc(t("review.conversation")));
  for (std::size_t i = 0; i < r.transcript.messages.size(); ++i) {
    const auto& m = r.transcript.messages[i];
    if (m.kind != kind::message && m.kind != kind::nudge && m.kind != kind::left) continue;
    std::string who = m.from == sender::trainee ? t("chat.you")
                      : scenario                ? scenario->persona.name
                                                : t("chat.customer");
    out += fmt::format("<tr><td class=m>#{} {}</td><td><b>{}</b></td><td>{}</td></tr>", i + 1,
                       scoring::clock_text(m.at), esc(who), esc(m.kind == kind::left ? t("chat.left") : m.text));
  }
  out += "</table></html>\n";
  return out;
}

ExportPaths export_result(const classroom::SessionResult& r, const std::string& dir, const std::string& stem,
                          const Strings& strings, const engine::Scenario* scenario) {
  ExportPaths p{dir + "/" + stem + ".json", dir + "/" + stem + ".html", {}};
  if (auto err = engine::ensure_directory(dir); !err.empty()) return {{}, {}, err};
  if (auto err = engine::write_file_atomic(p.json, classroom::result_to_json(r).dump(2) + "\n"); !err.empty())
    return {{}, {}, err};
  if (auto err = engine::write_file_atomic(p.summary, summary_html(r, strings, scenario)); !err.empty())
    return {{}, {}, err};
  return p;
}

}  // namespace chatdrill::app
