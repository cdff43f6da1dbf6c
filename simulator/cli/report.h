// The trainer's report from a class table: a text table for the terminal, CSV for
// spreadsheets and one self-contained HTML page with SVG charts. Pure functions of the
// table (the command in report.cpp reads the folder and writes the files). No display.
#pragma once

#include <string>
#include <string_view>

#include "scoring/core/html.h"
#include "simulator/classroom/class_table.h"

namespace chatdrill::cli {

// One CSV field: always quoted, quotes doubled (RFC 4180), and a leading = + - @ TAB CR
// prefixed with ' so a spreadsheet never runs a trainee's text as a formula.
std::string csv_text(std::string_view text);
// UTF-8 with a byte order mark, CRLF lines, one row per trainee x scenario.
std::string render_csv(const classroom::ClassTable& table, char separator = ';');

// Escapes & < > " ' for text and attribute values (the one escaper, scoring/core/html.h).
using scoring::html_escape;
// The whole page: summary, class averages, one histogram per measure, the table, each
// trainee's transcripts (collapsed), skipped files. No scripts, no external resources.
std::string render_html(const classroom::ClassTable& table);

// The table for a terminal: trainees x scenarios (overall score, * = time_up), averages.
std::string render_text(const classroom::ClassTable& table);

}  // namespace chatdrill::cli
