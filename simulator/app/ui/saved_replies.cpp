// Saved replies in the app; see saved_replies.h.
#include "saved_replies.h"

#include "app_state.h"
#include "classroom_state.h"
#include "settings.h"

#include "scoring/core/limits.h"
#include "simulator/engine/field_reader.h"
#include "simulator/engine/files.h"
#include "simulator/engine/saved_replies.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace chatdrill::app {

namespace fs = std::filesystem;
using scoring::Json;

namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// Lowercase for the filter: ASCII and the Latin-1 letters (Ä Ö Å É ...) Finnish uses.
std::string folded(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') out[i] = static_cast<char>(c + 32);
    else if (c == 0xC3 && i + 1 < out.size()) {
      const auto d = static_cast<unsigned char>(out[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) out[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  return out;
}

std::string next_own_id(const OwnReplies& own) {
  std::set<std::string> taken;
  for (const auto& r : own.replies) taken.insert(r.id);
  for (std::size_t n = own.replies.size() + 1;; ++n)
    if (std::string id = fmt::format("own-{}", n); !taken.count(id)) return id;
}

}  // namespace

fs::path own_replies_path() { return data_dir() / "saved-replies.json"; }

OwnReplies load_own_replies(const std::string& path) {
  OwnReplies own;
  own.path = path;
  std::error_code ec;
  if (!fs::exists(path, ec)) return own;
  auto parsed = scoring::parse_json_file(path);
  if (!parsed.doc) {
    own.broken = true;
    own.error = parsed.error ? parsed.error->to_string() : path + ": cannot read";
    return own;
  }
  scoring::Diagnostics found;
  engine::FieldReader r(*parsed.doc, found);
  const Json& root = parsed.doc->root;
  if (!root.is_object()) {
    r.wrong_type("", root,
                 fmt::format("an object {{\"format\": \"{}\", \"saved_replies\": [...]}}", k_own_replies_format));
  } else {
    r.check_members(root, "", {"format", "saved_replies"});
    if (root.value("format", Json()) != k_own_replies_format)
      r.error("format", fmt::format("not \"{}\"", k_own_replies_format));
    own.replies = engine::read_saved_replies(r, root, "file");
  }
  // Keep only the replies that read whole (a bad one is still in the file, which stays).
  std::erase_if(own.replies, [](const engine::SavedReply& reply) {
    return reply.id.empty() || reply.text.empty() || reply.text.size() > scoring::k_max_reply_bytes;
  });
  if (scoring::has_errors(found)) {
    own.broken = true;
    for (const auto& d : found)
      if (d.severity == scoring::Severity::error) {
        own.error = d.to_string();
        break;
      }
  }
  return own;
}

std::string save_own_replies(OwnReplies& own, std::string* kept_as) {
  if (auto err = engine::ensure_directory(fs::path(own.path).parent_path().string()); !err.empty()) return err;
  std::error_code ec;
  if (own.broken && fs::exists(own.path, ec)) {
    std::string backup = own.path + ".bak";
    for (int n = 2; fs::exists(backup, ec); ++n) backup = fmt::format("{}.bak.{}", own.path, n);
    fs::rename(own.path, backup, ec);
    if (ec) return fmt::format("{}: cannot keep the unreadable file aside as {}: {}", own.path, backup, ec.message());
    if (kept_as) *kept_as = backup;
  }
  own.broken = false;
  Json list = Json::array();
  for (const auto& r : own.replies) list.push_back({{"id", r.id}, {"title", r.title}, {"text", r.text}});
  const Json root = {{"format", k_own_replies_format}, {"saved_replies", std::move(list)}};
  return engine::write_file_atomic(own.path, root.dump(2) + "\n");
}

std::string title_from_text(std::string_view text) {
  std::string_view line = trim(text);
  line = line.substr(0, line.find('\n'));
  constexpr std::size_t k_cut = 40;
  std::size_t points = 0, at = 0, last_space = 0;
  for (; at < line.size(); ++at) {
    if ((static_cast<unsigned char>(line[at]) & 0xC0) == 0x80) continue;
    if (line[at] == ' ') last_space = at;
    if (++points > k_cut) break;
  }
  if (at >= line.size()) return std::string(trim(line));
  const std::size_t cut = last_space > k_cut / 2 ? last_space : at;
  return std::string(trim(line.substr(0, cut))) + "…";
}

std::string add_own_reply(OwnReplies& own, std::string title, std::string text) {
  const std::string body(trim(text));
  if (body.empty()) return "empty";
  if (body.size() > scoring::k_max_reply_bytes) return "too long";
  engine::SavedReply reply;
  reply.id = next_own_id(own);
  reply.title = std::string(trim(title));
  if (reply.title.empty()) reply.title = title_from_text(body);
  reply.text = body;
  own.replies.push_back(std::move(reply));
  return {};
}

std::vector<PanelReply> panel_replies(const engine::Scenario& scenario, const std::vector<engine::SavedReply>* exercise,
                                      const OwnReplies& own) {
  std::vector<PanelReply> out;
  for (const auto& r : scenario.saved_replies) out.push_back({ReplySource::scenario, r.id, r.title, r.text});
  if (exercise)
    for (const auto& r : *exercise)
      out.push_back({ReplySource::exercise, r.id, r.title, engine::fill_case_refs(scenario, r.text)});
  for (std::size_t i = 0; i < own.replies.size(); ++i) {
    const auto& r = own.replies[i];
    out.push_back({ReplySource::own, r.id, r.title, engine::fill_case_refs(scenario, r.text), i});
  }
  return out;
}

bool matches_filter(const PanelReply& reply, std::string_view filter) {
  const std::string f = folded(trim(filter));
  if (f.empty()) return true;
  return folded(reply.title).find(f) != std::string::npos || folded(reply.text).find(f) != std::string::npos;
}

void insert_into_draft(Composer& composer, std::string_view text) {
  // At the end of the draft, as one undo step of the reply editor, the caret after it.
  std::string& draft = composer.draft;
  std::string insert = !draft.empty() && draft.find_last_not_of(" \t\r\n") == draft.size() - 1 ? " " : "";
  insert += text;
  composer.edit.caret = composer.edit.anchor = draft.size();
  text_edit_insert(draft, composer.edit, insert);
  composer.want_focus = true;
}

const PanelReply* sent_unchanged(const std::vector<PanelReply>& replies, std::string_view sent) {
  const std::string_view body = trim(sent);
  if (body.empty()) return nullptr;
  for (const auto& r : replies)
    if (trim(r.text) == body) return &r;
  return nullptr;
}

Json saved_reply_note(const PanelReply& reply) {
  return Json{{"saved_reply", reply.id}, {"saved_reply_title", reply.title}};
}

// ---------------------------------------------------------------------------------------
// Commands

namespace {

void save_now(AppState& s, const std::string& done) {
  std::string kept;
  if (auto err = save_own_replies(s.replies.own, &kept); !err.empty()) {
    s.status = s.strings.format("replies.save_failed", err);
    return;
  }
  s.status = kept.empty() ? done : done + " " + s.strings.format("replies.kept_broken", kept);
}

}  // namespace

std::vector<PanelReply> live_panel_replies(const AppState& s) {
  if (!s.sessions.live) return {};
  const std::vector<engine::SavedReply>* exercise = nullptr;
  if (s.sessions.live->in_exercise && s.classroom.exercise)
    exercise = &s.classroom.exercise->run.exercise().saved_replies;
  return panel_replies(*s.sessions.live->scenario, exercise, s.replies.own);
}

void insert_saved_reply(AppState& s, const PanelReply& reply) {
  if (!s.sessions.live || s.sessions.live->session().finished()) return;
  insert_into_draft(s.sessions.live->composer, s.platform.emoji.encode(reply.text));
}

void add_reply_from_draft(AppState& s) {
  if (!s.sessions.live) return;
  const std::string draft = s.platform.emoji.decode(s.sessions.live->composer.draft);
  if (auto err = add_own_reply(s.replies.own, "", draft); !err.empty()) {
    s.status = s.strings(err == "empty" ? "replies.draft_empty" : "replies.too_long");
    return;
  }
  save_now(s, s.strings.format("replies.added", s.replies.own.replies.back().title));
}

bool save_reply_form(AppState& s) {
  auto& part = s.replies;
  const std::string text = s.platform.emoji.decode(part.form_text);
  if (part.editing && *part.editing < part.own.replies.size()) {
    std::string body(trim(text));
    if (body.empty() || body.size() > scoring::k_max_reply_bytes) {
      s.status = s.strings(body.empty() ? "replies.text_empty" : "replies.too_long");
      return false;
    }
    auto& reply = part.own.replies[*part.editing];
    reply.text = std::move(body);
    reply.title = std::string(trim(part.form_title));
    if (reply.title.empty()) reply.title = title_from_text(reply.text);
    save_now(s, s.strings.format("replies.saved", reply.title));
  } else {
    if (auto err = add_own_reply(part.own, part.form_title, text); !err.empty()) {
      s.status = s.strings(err == "empty" ? "replies.text_empty" : "replies.too_long");
      return false;
    }
    save_now(s, s.strings.format("replies.added", part.own.replies.back().title));
  }
  part.form_open = false;
  part.editing.reset();
  part.form_title.clear();
  part.form_text.clear();
  return true;
}

void delete_own_reply(AppState& s, std::size_t index) {
  auto& own = s.replies.own;
  if (index >= own.replies.size()) return;
  const std::string title = own.replies[index].title;
  own.replies.erase(own.replies.begin() + static_cast<std::ptrdiff_t>(index));
  if (s.replies.editing && *s.replies.editing == index) s.replies.form_open = false, s.replies.editing.reset();
  else if (s.replies.editing && *s.replies.editing > index) --*s.replies.editing;
  save_now(s, s.strings.format("replies.deleted", title));
}

}  // namespace chatdrill::app
