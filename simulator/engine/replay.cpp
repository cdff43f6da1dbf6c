// Scripted replies and virtual-time replay; see replay.h.
#include "replay.h"
#include "text_lines.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "field_reader.h"
#include "scoring/core/json_doc.h"

namespace chatdrill::engine {

namespace {

// Reads one line's object; diagnostics are located within the line (line 1).
std::optional<TestReply> read_reply(const scoring::JsonDoc& doc, double previous, scoring::Diagnostics& out) {
  FieldReader r(doc, out);
  const scoring::Json& root = doc.root;
  if (!root.is_object()) {
    r.wrong_type("", root, "an object {\"at\": seconds, \"text\": \"...\"}");
    return std::nullopt;
  }
  r.check_members(root, "", {"at", "text"});
  auto at = r.seconds(root, "", "at", true, true, scoring::k_max_transcript_seconds);
  auto text = r.text(root, "", "text", true, "the trainee's reply");
  if (at && *at < previous) {
    r.error("at", fmt::format("{} s is earlier than the reply before it ({} s); replies must be in time order", *at,
                              previous));
    return std::nullopt;
  }
  if (text && text->size() > scoring::k_max_reply_bytes) {
    r.error("text", fmt::format("the reply is {} bytes, more than the {} a trainee can send in one reply (the "
                                "reply box's limit)",
                                text->size(), scoring::k_max_reply_text));
    return std::nullopt;
  }
  if (!at || !text) return std::nullopt;
  return TestReply{*at, *text};
}

}  // namespace

RepliesLoad parse_replies(std::string_view text, const std::string& file) {
  RepliesLoad result;
  double previous = 0;
  read_json_lines(text, file, result.diagnostics, [&](const scoring::JsonDoc& doc, int, scoring::Diagnostics& found) {
    if (auto reply = read_reply(doc, previous, found)) {
      previous = reply->at;
      result.replies.push_back(std::move(*reply));
    }
  });
  if (scoring::has_errors(result.diagnostics)) result.replies.clear();
  return result;
}

RepliesLoad load_replies(const std::string& path) {
  std::string error;
  const auto text = scoring::read_text_file(path, error);
  if (!text) return RepliesLoad{{}, {scoring::Diagnostic{path, {}, "", error}}};
  return parse_replies(*text, path);
}

void replay_into(Session& session, const std::vector<TestReply>& replies, Seconds horizon) {
  for (const auto& reply : replies) {
    if (session.finished()) break;
    session.send(reply.at, reply.text);
  }
  const Seconds stop = (replies.empty() ? 0 : replies.back().at) + horizon;
  while (!session.finished()) {
    const auto due = session.next_due();
    if (!due || *due > stop) {
      session.end(stop);
      break;
    }
    session.advance(*due);
  }
}

scoring::Transcript replay(std::shared_ptr<const Scenario> scenario, const std::vector<TestReply>& replies,
                           SessionOptions options, Seconds horizon) {
  Session session(std::move(scenario), std::move(options));
  replay_into(session, replies, horizon);
  return session.transcript();
}

Seconds last_event_time(const scoring::Transcript& transcript) {
  Seconds last = 0;
  for (const auto& m : transcript.messages) last = std::max(last, m.at);
  return last;
}

Seconds resume_time(const scoring::Transcript& journalled) { return last_event_time(journalled) + k_journal_time_step; }

namespace {
// What the app noted on a journalled reply (a saved reply sent unchanged), noted again on resuming.
scoring::Json caller_noted(const scoring::Message& m) {
  scoring::Json noted = scoring::Json::object();
  for (const char* key : {"saved_reply", "saved_reply_title"})
    if (m.extra.is_object() && m.extra.contains(key)) noted[key] = m.extra[key];
  return noted;
}
}  // namespace

bool replay_journal(Session& session, const scoring::Transcript& journalled) {
  for (const auto& m : journalled.messages)
    if (m.is_trainee_message()) session.send(m.at, m.text, caller_noted(m));
  session.advance(resume_time(journalled));
  const auto& got = session.transcript().messages;
  if (session.finished() || got.size() < journalled.messages.size()) return false;
  for (std::size_t i = 0; i < journalled.messages.size(); ++i) {
    const auto& a = got[i];
    const auto& b = journalled.messages[i];
    if (a.from != b.from || a.kind != b.kind || a.text != b.text || std::abs(a.at - b.at) > k_journal_time_step)
      return false;
  }
  return true;
}

}  // namespace chatdrill::engine
