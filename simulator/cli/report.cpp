// `chatdrill report RESULTS_DIR [--csv FILE] [--html FILE]`: the trainer's report, headless.
// Reads the folder through the class table the app's dashboard uses; writes files atomically.
//
// CSV choices: Finnish (and most European) Excel installations use ';' as the list
// separator and open a double-clicked .csv only if it uses that, while LibreOffice asks or
// detects; so ';' is the default (`--separator ,` for English-locale Excel). The file starts
// with a UTF-8 byte order mark, which is what makes Excel read ä and ö correctly (a "sep="
// line would make Excel ignore the BOM, so there is none). Scores are whole numbers, which
// read the same whatever the decimal separator. Every text field is quoted (RFC 4180).
#include "report.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "cli.h"
#include "simulator/engine/files.h"

namespace chatdrill::cli {

std::string csv_text(std::string_view text) {
  std::string out = "\"";
  if (!text.empty() && std::strchr("=+-@\t\r", text.front()) != nullptr) out += '\'';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

namespace {

using classroom::score_text;  // the dashboard rounds the same way

void csv_row(std::string& out, const std::vector<std::string>& cells, char separator) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) out += separator;
    out += cells[i];
  }
  out += "\r\n";
}

}  // namespace

std::string render_csv(const classroom::ClassTable& table, char separator) {
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> header;
  for (const char* h : {"trainee", "exercise", "scenario", "scenario_title", "position", "outcome"})
    header.push_back(csv_text(h));
  for (const char* m : classroom::k_measures) header.push_back(csv_text(m));
  for (const char* h : {"attempts", "started_at", "ended_at", "host", "file"}) header.push_back(csv_text(h));
  csv_row(out, header, separator);
  for (const auto& row : table.trainees()) {
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      const auto& cell = row.cells[c];
      if (!cell.latest) continue;
      const classroom::SessionResult& r = cell.latest->result;
      std::vector<std::string> cells = {
          csv_text(row.name),         csv_text(r.exercise_title),        csv_text(r.scenario_id),
          csv_text(r.scenario_title), fmt::format("{}", r.position + 1), csv_text(r.outcome())};
      for (std::size_t m = 0; m < classroom::k_measures.size(); ++m)
        cells.push_back(classroom::measure_graded(r, m) ? score_text(classroom::measure_score(r, m)) : std::string());
      cells.push_back(fmt::format("{}", cell.attempts));
      for (const std::string* s : {&r.started_at, &r.ended_at, &r.host}) cells.push_back(csv_text(*s));
      cells.push_back(csv_text(std::filesystem::path(cell.latest->file).filename().string()));
      csv_row(out, cells, separator);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Terminal table

namespace {

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

std::string pad(std::string_view s, std::size_t width, bool right = false) {
  const std::size_t w = display_width(s);
  const std::string fill(w < width ? width - w : 0, ' ');
  return right ? fill + std::string(s) : std::string(s) + fill;
}

}  // namespace

std::string render_text(const classroom::ClassTable& table) {
  std::string out;
  const auto& columns = table.scenarios();
  std::size_t name_width = 7;
  for (const auto& row : table.trainees())
    name_width = std::max(name_width, std::min<std::size_t>(display_width(row.name), 40));
  std::vector<std::size_t> widths;
  out += pad("trainee", name_width);
  for (const auto& c : columns) {
    widths.push_back(std::max<std::size_t>(display_width(c.id), 5));
    out += "  " + pad(c.id, widths.back(), true);
  }
  out += "   mean\n";
  for (const auto& row : table.trainees()) {
    out += pad(row.name, name_width);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const auto* latest = row.cells[c].latest;
      std::string cell = "-";
      if (latest) cell = score_text(latest->result.grade.overall) + (latest->result.outcome() == "time_up" ? "*" : " ");
      out += "  " + pad(cell, widths[c], true);
    }
    out += "  " + pad(row.done ? score_text(row.mean_overall) : "-", 5, true) + "\n";
  }
  out += pad("class mean", name_width);
  for (std::size_t c = 0; c < columns.size(); ++c)
    out += "  " + pad(columns[c].count ? score_text(columns[c].mean_overall) + " " : "- ", widths[c], true);
  out += "\n\n(* = time_up)  class averages:";
  for (std::size_t m = 0; m < classroom::k_measures.size(); ++m) {
    const auto& s = table.stats()[m];
    out += fmt::format("  {} {}", classroom::k_measures[m], s.count ? score_text(s.mean) : "-");
  }
  out += fmt::format("\n{} results, {} trainees, {} scenarios\n", table.result_count(), table.trainees().size(),
                     columns.size());
  return out;
}

// ---------------------------------------------------------------------------------------
// The command

namespace {

constexpr const char* k_usage =
    "usage: chatdrill report RESULTS_DIR [--csv FILE] [--html FILE] [--separator ';'|','|tab]\n"
    "                        [--exercise FILE]\n"
    "\n"
    "Builds the trainer's report from a results folder (one chatdrill.result/1 file per\n"
    "trainee session). Without --csv/--html the table is printed. Files that are not valid\n"
    "results are named on stderr and skipped. CSV: UTF-8 with BOM, ';' by default.\n"
    "The HTML page is in the results' language; --exercise adds the exercise's settings and\n"
    "rubric weights.\n";

struct ReportArgs {
  std::string folder, csv, html, exercise;
  char separator = ';';
};

int parse_args(int argc, char** argv, ReportArgs& args) {
  for (int i = 0; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--help" || a == "-h") {
      std::fputs(k_usage, stdout);
      return 0;
    }
    if ((a == "--csv" || a == "--html" || a == "--separator" || a == "--exercise") && !has_value) {
      std::fprintf(stderr, "chatdrill report: %s needs a value\n%s", a.c_str(), k_usage);
      return 2;
    }
    if (a == "--csv") args.csv = argv[++i];
    else if (a == "--html") args.html = argv[++i];
    else if (a == "--exercise") args.exercise = argv[++i];
    else if (a == "--separator") {
      const std::string s = argv[++i];
      if (s == ";" || s == ",") args.separator = s[0];
      else if (s == "tab" || s == "\t") args.separator = '\t';
      else {
        std::fprintf(stderr, "chatdrill report: separator must be ';', ',' or tab\n");
        return 2;
      }
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "chatdrill report: unknown option %s\n%s", a.c_str(), k_usage);
      return 2;
    } else if (args.folder.empty()) args.folder = a;
    else {
      std::fprintf(stderr, "chatdrill report: one results folder only\n%s", k_usage);
      return 2;
    }
  }
  if (args.folder.empty()) {
    std::fputs(k_usage, stderr);
    return 2;
  }
  return -1;
}

bool write_output(const std::string& path, const std::string& content, const char* what) {
  if (auto err = engine::write_file_atomic(path, content); !err.empty()) {
    std::fprintf(stderr, "chatdrill report: %s\n", err.c_str());
    return false;
  }
  std::fprintf(stderr, "chatdrill report: wrote %s %s\n", what, path.c_str());
  return true;
}

}  // namespace

int report_command(int argc, char** argv) {
  ReportArgs args;
  if (int rc = parse_args(argc, argv, args); rc >= 0) return rc;
  std::optional<classroom::Exercise> exercise;
  if (!args.exercise.empty()) {
    auto load = classroom::load_exercise(args.exercise);
    for (const auto& d : load.diagnostics) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    if (!load.exercise) return 2;
    exercise = std::move(load.exercise);
  }
  classroom::ClassTable table;
  table.refresh(args.folder);
  const auto skipped = table.skipped();
  for (const auto& d : skipped) std::fprintf(stderr, "%s (skipped)\n", d.to_string().c_str());
  // A folder that is missing or cannot be read is an error, not an empty class.
  if (!table.folder_readable()) return 1;
  if (!table.live_journals().empty())
    std::fprintf(stderr, "chatdrill report: %zu session(s) still running or interrupted (journals in %s/live)\n",
                 table.live_journals().size(), args.folder.c_str());
  bool ok = true;
  if (!args.csv.empty()) ok = write_output(args.csv, render_csv(table, args.separator), "CSV") && ok;
  if (!args.html.empty())
    ok = write_output(args.html, render_html(table, load_report_context(table, exercise)), "HTML") && ok;
  if (args.csv.empty() && args.html.empty()) std::fputs(render_text(table).c_str(), stdout);
  return ok ? 0 : 1;
}

}  // namespace chatdrill::cli
