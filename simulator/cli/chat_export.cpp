// Reading chat exports; see chat_export.h.
#include "chat_export.h"

#include "scoring/core/csv.h"
#include "scoring/core/limits.h"
#include "scoring/core/timestamp.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <span>

namespace chatdrill::cli {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1));
}

// A column name as compared: lower case, without spaces, '_', '-' or '.' ("Created At" ~
// "created_at" ~ "createdAt").
std::string name_key(std::string_view s) {
  std::string out;
  for (char c : lower(trim(s)))
    if (c != ' ' && c != '_' && c != '-' && c != '.') out += c;
  return out;
}

// The column `wanted` names, or else the first of `defaults` in the header (ignoring case,
// spaces and separators).
int find_column(const std::vector<std::string>& header, const std::string& wanted,
                std::span<const char* const> defaults) {
  const auto at = [&](std::string_view name) {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (name_key(header[i]) == name_key(name)) return static_cast<int>(i);
    return -1;
  };
  if (!wanted.empty()) return at(wanted);
  for (const char* name : defaults)
    if (int c = at(name); c >= 0) return c;
  return -1;
}

std::string header_list(const std::vector<std::string>& header) {
  std::string out;
  for (const auto& h : header) out += (out.empty() ? "" : ", ") + fmt::format("\"{}\"", h);
  return out;
}

bool is_agent_by_default(const std::string& author) {
  std::string word;
  const std::string low = lower(author) + " ";
  for (char c : low) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      word += c;
      continue;
    }
    for (const char* w : k_agent_words)
      if (word == w) return true;
    word.clear();
  }
  return false;
}

bool listed(const std::vector<std::string>& values, const std::string& author) {
  const std::string a = lower(trim(author));
  return std::any_of(values.begin(), values.end(), [&](const std::string& v) { return lower(trim(v)) == a; });
}

struct Row {
  std::size_t line;
  bool numeric;
  double seconds;  // numeric time
  scoring::Timestamp timestamp;
  std::string time_text, author, text;
  bool trainee;
};

struct Pending {
  std::string id;
  std::vector<Row> rows;
};

}  // namespace

std::string guess_language(const std::string& text) {
  static const std::set<std::string, std::less<>> fi = {
      "on",  "ja",    "ei",   "että", "kiitos", "hei",   "moi",    "voi",    "onko",  "minä", "mä",     "te",
      "se",  "olen",  "oli",  "ole",  "mikä",   "miten", "kun",    "kyllä",  "mutta", "tai",  "teille", "jos",
      "nyt", "vielä", "myös", "sen",  "sitä",   "tämä",  "tilaus", "paljon", "joo",   "siis", "vaan",   "olisi"};
  static const std::set<std::string, std::less<>> en = {
      "the",  "and", "is",  "you",    "to",   "i",    "thanks", "thank", "hello", "hi",  "my",   "your",
      "it",   "of",  "for", "please", "can",  "what", "not",    "have",  "we",    "are", "this", "that",
      "with", "be",  "how", "would",  "will", "do",   "there",  "an",    "in",    "me"};
  double fi_score = 0, en_score = 0;
  std::string word;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    const unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
    if (std::isalpha(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
      continue;
    }
    if (word.empty()) continue;
    if (fi.count(word)) fi_score += 1;
    if (en.count(word)) en_score += 1;
    // ä, ö (UTF-8 C3 A4 / C3 B6, capitals C3 84 / C3 96) hardly occur in English words.
    for (std::size_t k = 0; k + 1 < word.size(); ++k)
      if (static_cast<unsigned char>(word[k]) == 0xC3 &&
          (word[k + 1] == '\xA4' || word[k + 1] == '\xB6' || word[k + 1] == '\x84' || word[k + 1] == '\x96'))
        fi_score += 0.5;
    word.clear();
  }
  return fi_score > en_score ? "fi" : "en";
}

std::string safe_file_stem(const std::string& id) {
  std::string out;
  for (char c : id) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    out += ok ? c : '_';
    if (out.size() >= 80) break;
  }
  while (!out.empty() && out.front() == '.') out.front() = '_';  // no hidden files, no "..", no "."
  if (out.empty()) out = "conversation";
  return out;
}

namespace {

// Reads the rows of the export into conversations (unsorted, times as written).
std::vector<Pending> read_rows(const std::string& path, std::ifstream& in, const ExportColumns& names,
                               const AuthorRoles& roles, ChatExport& out) {
  std::vector<Pending> pending;
  scoring::CsvReader reader(in);
  std::vector<std::string> header, record;
  if (!reader.next(header)) {
    out.errors.push_back(
        fmt::format("{}: {}", path, reader.error().empty() ? "empty file: no header" : reader.error()));
    return pending;
  }
  const int time = find_column(header, names.time, k_time_names),
            author = find_column(header, names.author, k_author_names),
            text = find_column(header, names.text, k_text_names);
  const std::array<const char*, 0> none{};
  const int conversation = names.whole_file ? -1 : find_column(header, names.conversation, k_conversation_names);
  const auto missing = [&](const char* what, const std::string& wanted, std::span<const char* const> defaults,
                           const char* option) {
    std::string tried;
    for (const char* d : defaults) tried += (tried.empty() ? "" : ", ") + std::string(d);
    out.errors.push_back(wanted.empty()
                             ? fmt::format("{}:{}: no {} column (tried {}; name it with {} COL); the header has {}",
                                           path, reader.record_line(), what, tried, option, header_list(header))
                             : fmt::format("{}:{}: no column \"{}\" for the {}; the header has {}", path,
                                           reader.record_line(), wanted, what, header_list(header)));
  };
  if (time < 0) missing("time", names.time, k_time_names, "--time");
  if (author < 0) missing("author", names.author, k_author_names, "--author");
  if (text < 0) missing("text", names.text, k_text_names, "--text");
  if (!names.conversation.empty() && conversation < 0)
    missing("conversation", names.conversation, none, "--conversation");
  if (!out.errors.empty()) return pending;
  const std::array<std::pair<const char*, int>, 4> found = {
      {{"time", time}, {"author", author}, {"text", text}, {"conversation", conversation}}};
  for (const auto& f : found)
    if (f.second >= 0)
      out.column_notes.push_back(
          fmt::format("{} = column {} \"{}\"", f.first, f.second + 1, header[static_cast<std::size_t>(f.second)]));
  std::map<std::string, std::size_t> index;  // conversation id -> pending
  while (reader.next(record)) {
    const std::size_t line = reader.record_line();
    ++out.rows;
    const auto where = [&](int c) {
      return fmt::format("{}:{}: column {} \"{}\"", path, line, c + 1, header[static_cast<std::size_t>(c)]);
    };
    if (record.size() != header.size()) {
      out.errors.push_back(
          fmt::format("{}:{}: {} fields, the header has {}", path, line, record.size(), header.size()));
      continue;
    }
    Row row{line,
            false,
            0,
            {},
            trim(record[static_cast<std::size_t>(time)]),
            trim(record[static_cast<std::size_t>(author)]),
            std::move(record[static_cast<std::size_t>(text)]),
            false};
    if (trim(row.text).empty()) {
      ++out.empty_rows;
      continue;
    }
    char* end = nullptr;
    row.seconds = std::strtod(row.time_text.c_str(), &end);
    row.numeric = !row.time_text.empty() && end == row.time_text.c_str() + row.time_text.size();
    std::string why;
    if (row.numeric &&
        (!std::isfinite(row.seconds) || row.seconds < 0 || row.seconds > scoring::k_max_transcript_seconds)) {
      out.errors.push_back(fmt::format("{}: {} is not a time in seconds (0 to {})", where(time), row.time_text,
                                       scoring::k_max_transcript_span_text));
      continue;
    }
    if (!row.numeric) {
      auto ts = scoring::parse_timestamp(row.time_text, why);
      if (!ts) {
        out.errors.push_back(fmt::format("{}: {}", where(time), row.time_text.empty() ? "no time given" : why));
        continue;
      }
      row.timestamp = *ts;
    }
    if (!roles.agents.empty() || !roles.customers.empty()) {
      const bool agent = listed(roles.agents, row.author), customer = listed(roles.customers, row.author);
      if (!roles.agents.empty() && !roles.customers.empty() && !agent && !customer) {
        out.errors.push_back(
            fmt::format("{}: \"{}\" is neither an --agent nor a --customer value", where(author), row.author));
        continue;
      }
      row.trainee = agent || (roles.agents.empty() && !customer);
    } else {
      row.trainee = is_agent_by_default(row.author);
    }
    ++(row.trainee ? out.trainee_authors : out.customer_authors)[row.author];
    const std::string id = conversation >= 0 ? trim(record[static_cast<std::size_t>(conversation)]) : std::string();
    auto [it, fresh] = index.emplace(id, pending.size());
    if (fresh) pending.push_back({id, {}});
    auto& rows = pending[it->second].rows;
    if (!rows.empty() && rows.front().numeric != row.numeric) {
      out.errors.push_back(fmt::format("{}: {} but line {} of the same conversation gives {}: use one kind of time",
                                       where(time), row.numeric ? "seconds" : "a timestamp", rows.front().line,
                                       rows.front().numeric ? "seconds" : "a timestamp"));
      continue;
    }
    rows.push_back(std::move(row));
  }
  if (!reader.error().empty()) out.errors.push_back(fmt::format("{}:{}", path, reader.error().substr(5)));
  return pending;
}

// Sorts one conversation's rows by time (stably: rows at the same second keep the file's
// order) and makes its messages. A timestamp without a zone is read in the zone of the
// conversation's first one that has one, and written with that zone, so the transcript
// reader sees the same order.
ImportedConversation to_conversation(Pending& p) {
  std::optional<int> zone;
  for (const auto& r : p.rows)
    if (!r.numeric && r.timestamp.offset_minutes) {
      zone = r.timestamp.offset_minutes;
      break;
    }
  const auto key = [&](const Row& r) { return r.numeric ? r.seconds : r.timestamp.utc_seconds(zone.value_or(0)); };
  std::stable_sort(p.rows.begin(), p.rows.end(), [&](const Row& a, const Row& b) { return key(a) < key(b); });
  ImportedConversation c;
  c.id = p.id;
  for (auto& r : p.rows) {
    scoring::Json m = scoring::Json::object();
    m["from"] = std::string(r.trainee ? scoring::sender::trainee : scoring::sender::customer);
    if (r.numeric) m["at"] = r.seconds;
    else if (zone && !r.timestamp.offset_minutes)
      m["at"] = fmt::format("{}{}{:02}:{:02}", r.time_text, *zone < 0 ? '-' : '+', std::abs(*zone) / 60,
                            std::abs(*zone) % 60);
    else m["at"] = r.time_text;
    if (c.text_sample.size() < 4000) c.text_sample += r.text + "\n";
    m["text"] = std::move(r.text);
    m["author"] = r.author;
    c.messages.push_back(std::move(m));
  }
  return c;
}

}  // namespace

ChatExport read_chat_export(const std::string& path, const ExportColumns& names, const AuthorRoles& roles) {
  ChatExport out;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    out.errors.push_back(fmt::format("{}: cannot read: {}", path, ec.message()));
    return out;
  }
  if (size > k_max_import_bytes) {
    out.errors.push_back(
        fmt::format("{}: {:.0f} MiB; an import reads at most {}: split the export (by date or "
                    "conversation) and import the parts",
                    path, static_cast<double>(size) / (1024 * 1024), k_max_import_text));
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.errors.push_back(fmt::format("{}: cannot open", path));
    return out;
  }
  auto pending = read_rows(path, in, names, roles, out);
  if (!roles.agents.empty() && !roles.customers.empty())
    out.role_rule = "--agent values are the trainee, --customer values the customer";
  else if (!roles.agents.empty()) out.role_rule = "--agent values are the trainee, everyone else the customer";
  else if (!roles.customers.empty()) out.role_rule = "--customer values are the customer, everyone else the trainee";
  else
    out.role_rule =
        "authors named like agent, support, staff, operator, admin are the trainee, everyone else the customer";
  if (!out.errors.empty()) return out;
  for (auto& p : pending) out.conversations.push_back(to_conversation(p));
  return out;
}

}  // namespace chatdrill::cli
