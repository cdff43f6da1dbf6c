// `chatdrill import CSV`: turns a chat export (time, author, text columns) into
// chatdrill.transcript/1 files, one per conversation, that `chatdrill grade` grades.
// Reading the export is chat_export.cpp's; this file is the options and the files written.
#include "chat_export.h"
#include "cli.h"

#include "scoring/core/limits.h"
#include "scoring/transcript.h"
#include "simulator/engine/files.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace chatdrill::cli {

namespace {

constexpr const char* k_import_help =
    "usage: chatdrill import CSV [--out DIR] [--time COL] [--author COL] [--text COL]\n"
    "                            [--conversation COL] [--agent VALUE]... [--customer VALUE]...\n"
    "                            [--language fi|en] [--channel chat|email|social]\n"
    "\n"
    "Turns a chat export into transcripts (chatdrill.transcript/1) that `chatdrill grade`\n"
    "grades: one DIR/<conversation>.json per conversation, messages sorted by time.\n"
    "\n"
    "  --time COL     the time column: ISO-8601 timestamps (2026-03-04T09:15:02Z,\n"
    "                 2026-03-04 09:15:02+02:00) or seconds. Default: the first of time,\n"
    "                 timestamp, date, created_at, datetime, sent_at (any capitals, spaces or _)\n"
    "  --author COL   who wrote it. Default: author, from, sender, role or user\n"
    "  --text COL     what they wrote. Default: text, message, body or content\n"
    "  --conversation COL  one transcript per value of this column (a thread or chat id).\n"
    "                 Default: a column named conversation_id, conversation, thread_id,\n"
    "                 thread, chat_id, chat, ticket_id, ticket or session_id (any capitals,\n"
    "                 spaces or _), else the whole file is one conversation\n"
    "  --whole-file   one conversation even when such a column exists\n"
    "  --agent VALUE  an author value that is the agent (the trainee); repeat for several.\n"
    "                 Everyone else is the customer\n"
    "  --customer VALUE  an author value that is the customer; repeat for several. Alone:\n"
    "                 everyone else is the trainee; with --agent, any other value is an error.\n"
    "                 Default for both: authors with a word like agent, support, staff,\n"
    "                 operator or admin are the trainee (the mapping used is printed)\n"
    "  --language fi|en  the transcripts' language. Default: guessed per conversation from\n"
    "                 its words (printed)\n"
    "  --channel chat|email|social  written into each transcript; email and social are\n"
    "                 graded with the async preset (targets in hours)\n"
    "  --out DIR      where to write (created if missing). Default: the current folder\n"
    "  --help         show this help\n"
    "\n"
    "Each message keeps its author as \"author\", each transcript its \"source\" (file and\n"
    "conversation). Files are written atomically; an existing file of the same name is replaced. A\n"
    "conversation id becomes a safe file name (other characters become _). Rows without\n"
    "text are skipped. Exports over 256 MiB are refused: split them.\n"
    "\n"
    "Exit codes: 0 written, 1 the export has errors (file:line: column N \"name\": message on\n"
    "stderr; nothing is written), 2 bad usage.\n";

int usage(const std::string& message) {
  std::fprintf(stderr, "chatdrill import: %s\n\n%s", message.c_str(), k_import_help);
  return 2;
}

std::string authors_text(const std::map<std::string, std::size_t>& authors) {
  std::string out;
  std::size_t shown = 0;
  for (const auto& [author, count] : authors) {
    if (++shown > 8) {
      out += fmt::format(", and {} more", authors.size() - 8);
      break;
    }
    out += fmt::format("{}\"{}\" ({})", out.empty() ? "" : ", ", author, count);
  }
  return out.empty() ? "nobody" : out;
}

// Unique file names in `dir`: safe stems, a "-2", "-3" ... for stems that collide.
std::vector<std::string> file_names(const std::vector<ImportedConversation>& conversations,
                                    const std::string& fallback) {
  std::set<std::string> taken;
  std::vector<std::string> names;
  for (const auto& c : conversations) {
    const std::string stem = safe_file_stem(c.id.empty() ? fallback : c.id);
    std::string name = stem;
    for (int n = 2; !taken.insert(name).second; ++n) name = fmt::format("{}-{}", stem, n);
    names.push_back(name + ".json");
  }
  return names;
}

}  // namespace

int import_command(int argc, char** argv) {
  ExportColumns columns;
  AuthorRoles roles;
  std::string csv, out_dir = ".", language, channel;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(k_import_help, stdout);
      return 0;
    }
    if (arg == "--whole-file") {
      columns.whole_file = true;
      continue;
    }
    std::string* value = arg == "--time"           ? &columns.time
                         : arg == "--author"       ? &columns.author
                         : arg == "--text"         ? &columns.text
                         : arg == "--conversation" ? &columns.conversation
                         : arg == "--out"          ? &out_dir
                         : arg == "--language"     ? &language
                         : arg == "--channel"      ? &channel
                                                   : nullptr;
    if (value || arg == "--agent" || arg == "--customer") {
      if (i + 1 >= argc) return usage(arg + " needs a value");
      const std::string v = argv[++i];
      if (value) *value = v;
      else (arg == "--agent" ? roles.agents : roles.customers).push_back(v);
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') return usage("unknown option " + arg);
    if (!csv.empty()) return usage("one CSV at a time (" + csv + " and " + arg + ")");
    csv = arg;
  }
  if (csv.empty()) return usage("no CSV given");
  if (!language.empty() && language != "fi" && language != "en")
    return usage("--language is fi or en, not " + language);
  if (!channel.empty() && !scoring::is_channel(channel))
    return usage("--channel is chat, email or social, not " + channel);

  const ChatExport read = read_chat_export(csv, columns, roles);
  if (!read.errors.empty()) {
    for (std::size_t i = 0; i < read.errors.size() && i < 20; ++i) std::fprintf(stderr, "%s\n", read.errors[i].c_str());
    if (read.errors.size() > 20) std::fprintf(stderr, "... and %zu more errors\n", read.errors.size() - 20);
    std::fprintf(stderr, "chatdrill import: %s: nothing written\n", csv.c_str());
    return 1;
  }
  if (read.trainee_authors.empty() && read.rows > read.empty_rows) {
    std::fprintf(stderr, "chatdrill import: %s: no author is the agent (%s); name them with --agent VALUE\n",
                 csv.c_str(), authors_text(read.customer_authors).c_str());
    return 1;
  }
  std::printf("%s: %zu rows, %zu without text skipped\n", csv.c_str(), read.rows, read.empty_rows);
  for (const auto& note : read.column_notes) std::printf("  %s\n", note.c_str());
  std::printf("  authors: %s\n    trainee:  %s\n    customer: %s\n", read.role_rule.c_str(),
              authors_text(read.trainee_authors).c_str(), authors_text(read.customer_authors).c_str());
  if (const std::string why = engine::ensure_directory(out_dir); !why.empty()) {
    std::fprintf(stderr, "chatdrill import: %s\n", why.c_str());
    return 1;
  }
  const auto names = file_names(read.conversations, std::filesystem::path(csv).stem().string());
  std::map<std::string, std::size_t> guessed;
  const auto transcript_text = [&](const ImportedConversation& c, const std::string& lang) {
    scoring::Json t = scoring::Json::object();
    t["format"] = scoring::k_transcript_format;
    t["language"] = lang;
    if (!channel.empty()) t["channel"] = channel;
    t["source"] = {{"file", std::filesystem::path(csv).filename().string()}, {"conversation", c.id}};
    t["messages"] = c.messages;
    return t.dump(2, ' ', false, scoring::Json::error_handler_t::replace) + "\n";
  };
  // First every size is checked, so a conversation too big to read back writes nothing.
  std::vector<std::string> languages;
  for (const auto& c : read.conversations) {
    languages.push_back(language.empty() ? guess_language(c.text_sample) : language);
    if (language.empty()) ++guessed[languages.back()];
    if (const std::size_t size = transcript_text(c, languages.back()).size(); size > scoring::k_max_file_bytes) {
      std::fprintf(stderr,
                   "chatdrill import: %s: conversation \"%s\" is %zu bytes, more than a transcript may be (%s)\n",
                   csv.c_str(), c.id.c_str(), size, scoring::k_max_file_text);
      return 1;
    }
  }
  // Then written in batches (bounded memory), each batch atomically per file with one flush.
  std::vector<std::pair<std::string, std::string>> batch;
  std::size_t batch_bytes = 0;
  for (std::size_t k = 0; k <= read.conversations.size(); ++k) {
    if (k < read.conversations.size()) {
      batch.emplace_back(names[k], transcript_text(read.conversations[k], languages[k]));
      batch_bytes += batch.back().second.size();
    }
    if (batch.empty() || (k < read.conversations.size() && batch_bytes < (std::size_t{64} << 20))) continue;
    if (const std::string why = engine::write_files_atomic(out_dir, batch); !why.empty()) {
      std::fprintf(stderr, "chatdrill import: %s\n", why.c_str());
      return 1;
    }
    batch.clear();
    batch_bytes = 0;
  }
  if (!guessed.empty()) {
    std::string langs;
    for (const auto& [lang, n] : guessed) langs += fmt::format("{}{} {}", langs.empty() ? "" : ", ", n, lang);
    std::printf("  language: guessed from the words (%s); set it with --language\n", langs.c_str());
  }
  std::printf("wrote %zu transcript%s to %s\n", read.conversations.size(), read.conversations.size() == 1 ? "" : "s",
              out_dir.c_str());
  return 0;
}

}  // namespace chatdrill::cli
