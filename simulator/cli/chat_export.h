// Reading a chat export (CSV with time, author and text columns) into conversations for
// `chatdrill import`: columns found by name, authors mapped to trainee or customer, times
// checked and each conversation's messages sorted by time. Knows nothing of files written.
#pragma once

#include "scoring/transcript.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chatdrill::cli {

struct ExportColumns {  // as the user named them; empty = find by the usual names
  std::string time, author, text, conversation;
  bool whole_file = false;  // --whole-file: one conversation, even with a conversation column
};

struct AuthorRoles {  // --agent / --customer values (compared case-insensitively)
  std::vector<std::string> agents, customers;
};

struct ImportedConversation {
  std::string id;                       // the conversation column's value; empty for a file without one
  std::vector<scoring::Json> messages;  // {"from", "at", "text", "author"}, sorted by time
  std::string text_sample;              // some of its words, to guess the language
};

struct ChatExport {
  std::vector<ImportedConversation> conversations;                       // in order of first appearance
  std::vector<std::string> column_notes;                                 // "time = column 1 \"Timestamp\"", ...
  std::map<std::string, std::size_t> trainee_authors, customer_authors;  // value -> messages
  std::string role_rule;                                                 // how authors were mapped, for the user
  std::size_t rows = 0, empty_rows = 0;
  std::vector<std::string> errors;  // "file:line: column 3 \"time\": ..."
};

// The default names tried for each column, case-insensitively.
inline constexpr const char* k_time_names[] = {"time", "timestamp", "date", "created_at", "datetime", "sent_at"};
inline constexpr const char* k_author_names[] = {"author", "from", "sender", "role", "user"};
inline constexpr const char* k_text_names[] = {"text", "message", "body", "content"};
// Conversation columns found without --conversation (a thread, chat or ticket id);
// `--conversation ""` would be meaningless, so `--whole-file` keeps every row in one.
inline constexpr const char* k_conversation_names[] = {
    "conversation_id", "conversation", "thread_id", "thread", "chat_id", "chat", "ticket_id", "ticket", "session_id"};
// Author values that are the agent (the trainee) by default: whole words of the value.
inline constexpr const char* k_agent_words[] = {
    "agent",    "support",       "staff",          "operator",         "admin", "trainee", "service",
    "helpdesk", "administrator", "asiakaspalvelu", "asiakaspalvelija", "tuki"};

// Exports larger than this are refused (an import holds every message until it is sorted).
inline constexpr std::size_t k_max_import_bytes = std::size_t{256} * 1024 * 1024;
inline constexpr const char* k_max_import_text = "256 MiB";

ChatExport read_chat_export(const std::string& csv_path, const ExportColumns& columns, const AuthorRoles& roles);

// "fi" or "en" from the words of a text (Finnish letters and common words of each).
std::string guess_language(const std::string& text);

// A file name for a conversation id: letters, digits, '-', '_' and '.' kept, others '_'.
std::string safe_file_stem(const std::string& id);

}  // namespace chatdrill::cli
