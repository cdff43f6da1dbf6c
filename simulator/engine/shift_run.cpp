// The shift runtime, its journal and scripted play; see shift_run.h. Never reads a clock.
//
// [SECTION] state      the Impl: the chats, the queue, the focus, the journal
// [SECTION] timeline   stepping every chat in time order
// [SECTION] public API
// [SECTION] recovery   the shift journal back into a shift transcript, and replayed
// [SECTION] scripted   replies files and play
#include "shift_run.h"
#include "text_lines.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "field_reader.h"
#include "journal.h"
#include "replay.h"
#include "scenario.h"
#include "scoring/core/json_doc.h"

namespace chatdrill::engine {

using scoring::Json;

// ---------------------------------------------------------------------------------------
// [SECTION] state

std::uint64_t chat_seed(const ShiftChat& chat, std::size_t index, std::optional<std::uint64_t> shift_seed) {
  if (!shift_seed) return chat.seed;
  // splitmix64 of the shift seed and the chat's place: the same on every platform.
  std::uint64_t z = *shift_seed + 0x9E3779B97F4A7C15ULL * (index + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return (z ^ (z >> 31)) >> 11;  // 53 bits: exact in any JSON reader
}

const char* phase_name(ChatPhase phase) {
  switch (phase) {
    case ChatPhase::upcoming: return "upcoming";
    case ChatPhase::queued: return "queued";
    case ChatPhase::open: return "open";
    case ChatPhase::ended: return "ended";
  }
  return "upcoming";
}

namespace {

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

Json shift_json(const Shift& shift, const std::vector<std::uint64_t>& seeds) {
  Json j = Json::object();
  j["format"] = k_shift_format;
  j["id"] = shift.id;
  j["title"] = shift.title;
  j["language"] = shift.language;
  if (!shift.brief.empty()) j["brief"] = shift.brief;
  if (shift.concurrency) j["concurrency"] = *shift.concurrency;
  if (shift.duration) j["duration"] = *shift.duration;
  Json chats = Json::array();
  for (std::size_t i = 0; i < shift.chats.size(); ++i) {
    const auto& c = shift.chats[i];
    chats.push_back(Json{{"id", c.id}, {"scenario", c.scenario_ref}, {"arrive_at", c.arrive_at}, {"seed", seeds[i]}});
  }
  j["chats"] = std::move(chats);
  return j;
}

}  // namespace

struct ShiftRun::Impl {
  Shift shift;
  std::vector<std::shared_ptr<const Scenario>> scenarios;
  ShiftOptions options;
  std::vector<std::uint64_t> seeds;
  std::vector<ShiftChatState> chats;
  std::vector<std::size_t> arrival_order;  // chat indices by arrival time, then file order
  std::vector<std::size_t> journalled;     // per chat: messages already in the journal
  Seconds now = 0;
  bool finished = false;
  std::string outcome;
  std::optional<std::size_t> current;
  std::vector<scoring::ShiftFocus> focus;
  std::unique_ptr<Journal> journal;
  std::string journal_error;

  void write(Json line) {
    if (journal && journal_error.empty()) journal_error = journal->write_line(line);
  }

  int open_count() const {
    int n = 0;
    for (const auto& c : chats) n += c.phase == ChatPhase::open;
    return n;
  }

  void set_focus(Seconds at, std::size_t chat) {
    if (current == chat) return;
    current = chat;
    focus.push_back({at, chat});
    write(Json{{"focus", chats[chat].plan->id}, {"at", round3(at)}});
  }

  // ---------------------------------------------------------------------------------------
  // [SECTION] timeline

  // The earliest time something is due (may be at or before `now` through rounding).
  std::optional<Seconds> next_time() const {
    if (finished) return std::nullopt;
    std::optional<Seconds> best;
    auto consider = [&](Seconds t) { best = best ? std::min(*best, t) : t; };
    for (std::size_t i : arrival_order)
      if (chats[i].phase == ChatPhase::upcoming) {
        consider(chats[i].plan->arrive_at);
        break;
      }
    for (const auto& c : chats)
      if (c.session && !c.session->finished())
        if (auto due = c.session->next_due()) consider(c.plan->arrive_at + *due);
    if (shift.duration) consider(*shift.duration);
    return best;
  }

  void journal_messages(std::size_t i) {
    const auto& messages = chats[i].session->transcript().messages;
    for (; journalled[i] < messages.size(); ++journalled[i])
      write(Json{{"chat", chats[i].plan->id}, {"message", scoring::message_to_json(messages[journalled[i]])}});
  }

  void arrive(std::size_t i) {
    ShiftChatState& c = chats[i];
    SessionOptions o;
    o.seed = seeds[i];
    o.trainee = options.trainee;
    c.session = std::make_unique<Session>(scenarios[i], o);
    c.phase = ChatPhase::queued;
    write(Json{{"chat", c.plan->id}, {"arrived", round3(c.plan->arrive_at)}});
  }

  // Everything due up to `t` in every chat, then the queue and the focus.
  void step_to(Seconds t) {
    now = std::max(now, t);
    if (shift.duration && now >= *shift.duration) return end_all(*shift.duration, "shift_over");
    for (std::size_t i : arrival_order)
      if (chats[i].phase == ChatPhase::upcoming && chats[i].plan->arrive_at <= now) arrive(i);
    for (std::size_t i = 0; i < chats.size(); ++i) {
      ShiftChatState& c = chats[i];
      if (!c.session || c.phase == ChatPhase::ended) continue;
      Seconds local = c.chat_time(now);
      // An event due "now" in shift time may round to just after it in chat time.
      if (auto due = c.session->next_due(); due && c.plan->arrive_at + *due <= now) local = std::max(local, *due);
      c.session->advance(local);
      settle(i);
    }
    pick_up();
    if (!current)
      for (std::size_t i : arrival_order)
        if (chats[i].phase == ChatPhase::open) {
          set_focus(now, i);
          break;
        }
    check_done();
  }

  // Journals what chat `i` said and notes its end.
  void settle(std::size_t i) {
    ShiftChatState& c = chats[i];
    journal_messages(i);
    if (c.session->finished() && c.phase != ChatPhase::ended) {
      c.phase = ChatPhase::ended;
      write(Json{{"chat", c.plan->id}, {"outcome", c.session->outcome()}});
    }
  }

  void pick_up() {
    const int limit = shift.concurrency.value_or(static_cast<int>(chats.size()));
    for (std::size_t i : arrival_order) {
      if (open_count() >= limit) break;
      ShiftChatState& c = chats[i];
      if (c.phase != ChatPhase::queued) continue;
      c.phase = ChatPhase::open;
      c.picked_up_at = now;
      write(Json{{"chat", c.plan->id}, {"picked_up", round3(now)}});
    }
  }

  void check_done() {
    if (finished) return;
    for (const auto& c : chats)
      if (c.phase != ChatPhase::ended) return;
    finished = true;
    outcome = "completed";
    write(Json{{"outcome", outcome}, {"at", round3(now)}});
  }

  void end_all(Seconds at, const std::string& why) {
    if (finished) return;
    now = std::max(now, at);
    for (std::size_t i = 0; i < chats.size(); ++i) {
      ShiftChatState& c = chats[i];
      if (!c.session || c.phase == ChatPhase::ended) continue;
      c.session->end(c.chat_time(now), why);
      settle(i);
    }
    finished = true;
    outcome = why;
    write(Json{{"outcome", outcome}, {"at", round3(now)}});
  }

  void advance(Seconds to) {
    for (int guard = 0; guard < 10'000'000 && !finished; ++guard) {
      const auto t = next_time();
      if (!t || *t > to) break;
      step_to(std::max(*t, now));
    }
    if (!finished) step_to(to);
  }
};

// ---------------------------------------------------------------------------------------
// [SECTION] public API

ShiftRun::ShiftRun(Shift shift, std::vector<std::shared_ptr<const Scenario>> scenarios, ShiftOptions options)
    : impl_(std::make_unique<Impl>()) {
  Impl& s = *impl_;
  if (scenarios.size() != shift.chats.size() || shift.chats.empty())
    throw std::invalid_argument("ShiftRun needs one loaded scenario per chat");
  for (const auto& sc : scenarios)
    if (!sc) throw std::invalid_argument("ShiftRun needs one loaded scenario per chat");
  s.shift = std::move(shift);
  s.scenarios = std::move(scenarios);
  s.options = std::move(options);
  const std::size_t n = s.shift.chats.size();
  s.chats.resize(n);
  s.journalled.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    s.seeds.push_back(chat_seed(s.shift.chats[i], i, s.options.seed));
    s.chats[i].plan = &s.shift.chats[i];
    s.chats[i].customer = customer_facts(*s.scenarios[i]);
    s.arrival_order.push_back(i);
  }
  std::stable_sort(s.arrival_order.begin(), s.arrival_order.end(), [&](std::size_t a, std::size_t b) {
    return s.shift.chats[a].arrive_at < s.shift.chats[b].arrive_at;
  });
  if (!s.options.journal_path.empty()) {
    Json header = Json::object();
    header["format"] = k_shift_journal_format;
    header["shift"] = shift_json(s.shift, s.seeds);
    if (s.options.seed) header["seed"] = *s.options.seed;
    if (!s.options.trainee.empty()) header["trainee"] = s.options.trainee;
    Json chats = Json::array();
    for (std::size_t i = 0; i < n; ++i)
      chats.push_back(
          Json{{"id", s.shift.chats[i].id},
               {"scenario", s.scenarios[i]->id},
               {"customer", Json{{"name", s.chats[i].customer.name}, {"details", s.chats[i].customer.details}}}});
    header["chats"] = std::move(chats);
    s.journal = Journal::create_with(s.options.journal_path, header, s.journal_error);
  }
  s.advance(0);
}

ShiftRun::~ShiftRun() = default;
ShiftRun::ShiftRun(ShiftRun&&) noexcept = default;
ShiftRun& ShiftRun::operator=(ShiftRun&&) noexcept = default;

namespace {
Seconds forward(Seconds now, Seconds current) { return std::isfinite(now) && now > current ? now : current; }

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }
}  // namespace

void ShiftRun::advance(Seconds now) { impl_->advance(forward(now, impl_->now)); }

ShiftRun::Sent ShiftRun::send(Seconds now, std::string_view chat, std::string_view text) {
  Impl& s = *impl_;
  s.advance(forward(now, s.now));
  const auto i = chat_index(chat);
  if (!i) return Sent::unknown_chat;
  ShiftChatState& c = s.chats[*i];
  if (c.phase == ChatPhase::upcoming) return Sent::not_arrived;
  if (c.phase == ChatPhase::queued) return Sent::queued;
  if (c.phase == ChatPhase::ended || s.finished) return Sent::ended;
  if (blank(text)) return Sent::empty;
  s.set_focus(s.now, *i);
  c.session->send(c.chat_time(s.now), text);
  s.settle(*i);
  s.step_to(s.now);
  return Sent::sent;
}

bool ShiftRun::focus(Seconds now, std::string_view chat) {
  Impl& s = *impl_;
  s.advance(forward(now, s.now));
  const auto i = chat_index(chat);
  if (!i || s.chats[*i].phase == ChatPhase::upcoming || s.chats[*i].phase == ChatPhase::queued) return false;
  s.set_focus(s.now, *i);
  return true;
}

bool ShiftRun::end_chat(Seconds now, std::string_view chat) {
  Impl& s = *impl_;
  s.advance(forward(now, s.now));
  const auto i = chat_index(chat);
  if (!i || s.chats[*i].phase != ChatPhase::open) return false;
  ShiftChatState& c = s.chats[*i];
  c.session->end(c.chat_time(s.now));
  s.settle(*i);
  s.step_to(s.now);
  return true;
}

void ShiftRun::end(Seconds now, std::string outcome) {
  Impl& s = *impl_;
  s.advance(forward(now, s.now));
  s.end_all(s.now, outcome.empty() ? "shift_over" : outcome);
}

std::optional<Seconds> ShiftRun::next_due() const {
  auto t = impl_->next_time();
  if (t) t = std::max(*t, impl_->now);
  return t;
}

bool ShiftRun::finished() const { return impl_->finished; }
const std::string& ShiftRun::outcome() const { return impl_->outcome; }
Seconds ShiftRun::now() const { return impl_->now; }
const Shift& ShiftRun::shift() const { return impl_->shift; }
const std::vector<ShiftChatState>& ShiftRun::chats() const { return impl_->chats; }
std::optional<std::size_t> ShiftRun::current() const { return impl_->current; }
int ShiftRun::open_count() const { return impl_->open_count(); }
const std::string& ShiftRun::journal_error() const { return impl_->journal_error; }

std::optional<std::size_t> ShiftRun::chat_index(std::string_view chat) const {
  for (std::size_t i = 0; i < impl_->chats.size(); ++i)
    if (impl_->chats[i].plan->id == chat) return i;
  return std::nullopt;
}

scoring::ShiftTranscript ShiftRun::transcript() const {
  const Impl& s = *impl_;
  scoring::ShiftTranscript t;
  t.shift = shift_json(s.shift, s.seeds);
  t.id = s.shift.id;
  t.title = s.shift.title;
  t.language = s.shift.language;
  t.seed = s.options.seed;
  t.trainee = s.options.trainee;
  t.outcome = s.finished ? s.outcome : "interrupted";
  t.ended_at = s.now;
  // Focus indices are into the chats that arrived, in file order.
  std::vector<std::size_t> place(s.chats.size(), 0);
  for (std::size_t i = 0; i < s.chats.size(); ++i) {
    const ShiftChatState& c = s.chats[i];
    if (!c.session) continue;
    place[i] = t.chats.size();
    scoring::ShiftChatRecord r;
    r.id = c.plan->id;
    r.arrived_at = c.plan->arrive_at;
    r.picked_up_at = c.picked_up_at;
    r.customer = c.customer.name;
    r.details = c.customer.details;
    r.transcript = c.session->transcript();
    if (r.transcript.outcome.empty()) r.transcript.outcome = "interrupted";
    t.chats.push_back(std::move(r));
  }
  for (const auto& f : s.focus) t.focus.push_back({f.at, place[f.chat]});
  return t;
}

// ---------------------------------------------------------------------------------------
// [SECTION] recovery

namespace {

struct RecoveredChat {
  Json record = Json::object();
  Json messages = Json::array();
  std::string outcome = "interrupted";
  bool arrived = false;
};

}  // namespace

scoring::ShiftTranscriptLoad recover_shift_journal(const std::string& path) {
  std::string error;
  const auto text = scoring::read_text_file(path, error);
  if (!text) return {std::nullopt, {scoring::Diagnostic{path, {}, "", error}}};
  return recover_shift_journal_text(*text, path);
}

scoring::ShiftTranscriptLoad recover_shift_journal_text(std::string_view text, const std::string& path) {
  scoring::Diagnostics notes;
  Json header;
  std::vector<std::string> ids;
  std::vector<RecoveredChat> chats;
  Json focus = Json::array();
  std::string outcome = "interrupted";
  double ended_at = 0;
  int line_no = 0;
  auto chat_of = [&](const Json& j) -> RecoveredChat* {
    if (!j.contains("chat") || !j["chat"].is_string()) return nullptr;
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (ids[i] == j["chat"].get<std::string>()) return &chats[i];
    return nullptr;
  };
  std::size_t begin = 0;
  for (TextLine tl; next_line(text, begin, tl);) {
    const std::string_view line = tl.text;
    const bool complete = tl.complete;
    line_no = tl.number;
    auto parsed = scoring::parse_json(line, path);
    if (!parsed.doc) {
      if (complete)
        notes.push_back({path, {line_no, 1}, "", "skipped a damaged journal line", scoring::Severity::warning});
      continue;
    }
    const Json& j = parsed.doc->root;
    if (header.is_null()) {
      if (!j.is_object() || j.value("format", Json()) != k_shift_journal_format || !j.contains("shift") ||
          !j["shift"].is_object() || !j.contains("chats") || !j["chats"].is_array())
        return {std::nullopt, {{path, {line_no, 1}, "", fmt::format("not a {} file", k_shift_journal_format)}}};
      header = j;
      for (const auto& c : j["chats"]) {
        ids.push_back(c.value("id", ""));
        RecoveredChat rc;
        rc.record["id"] = c.value("id", "");
        if (c.contains("customer")) rc.record["customer"] = c["customer"];
        chats.push_back(std::move(rc));
      }
      continue;
    }
    if (!j.is_object()) continue;
    if (j.contains("focus") && j.contains("at") && j["at"].is_number()) {
      focus.push_back(Json{{"at", j["at"]}, {"chat", j["focus"]}});
    } else if (RecoveredChat* c = chat_of(j)) {
      if (j.contains("arrived") && j["arrived"].is_number()) c->record["arrived_at"] = j["arrived"], c->arrived = true;
      else if (j.contains("picked_up") && j["picked_up"].is_number()) c->record["picked_up_at"] = j["picked_up"];
      else if (j.contains("message")) c->messages.push_back(j["message"]);
      else if (j.contains("outcome") && j["outcome"].is_string()) c->outcome = j["outcome"].get<std::string>();
    } else if (j.contains("outcome") && j["outcome"].is_string()) {
      outcome = j["outcome"].get<std::string>();
      if (j.contains("at") && j["at"].is_number()) ended_at = j["at"].get<double>();
    }
  }
  if (header.is_null())
    return {std::nullopt, {{path, {1, 1}, "", "the journal has no complete header line: nothing to recover"}}};
  const Json& shift = header["shift"];
  Json out = Json::object();
  out["format"] = scoring::k_shift_transcript_format;
  for (const char* key : {"id", "title", "language"})
    if (shift.contains(key)) out[key] = shift[key];
  for (const char* key : {"seed", "trainee"})
    if (header.contains(key)) out[key] = header[key];
  out["outcome"] = outcome;
  out["ended_at"] = ended_at;
  out["shift"] = shift;
  Json list = Json::array();
  std::vector<std::string> arrived_ids;
  for (std::size_t i = 0; i < chats.size(); ++i) {
    RecoveredChat& c = chats[i];
    if (!c.arrived) continue;
    arrived_ids.push_back(ids[i]);
    Json t = Json::object();
    t["format"] = scoring::k_transcript_format;
    if (i < header["chats"].size()) t["scenario"] = header["chats"][i].value("scenario", "");
    t["language"] = shift.value("language", "");
    if (shift.contains("chats") && i < shift["chats"].size() && shift["chats"][i].contains("seed"))
      t["seed"] = shift["chats"][i]["seed"];
    t["outcome"] = c.outcome;
    t["messages"] = std::move(c.messages);
    c.record["transcript"] = std::move(t);
    list.push_back(std::move(c.record));
  }
  out["chats"] = std::move(list);
  // Switches to a chat whose arrival line was torn away are dropped with it.
  Json kept = Json::array();
  for (auto& f : focus)
    if (f["chat"].is_string() &&
        std::find(arrived_ids.begin(), arrived_ids.end(), f["chat"].get<std::string>()) != arrived_ids.end())
      kept.push_back(std::move(f));
  out["focus"] = std::move(kept);
  auto reparsed = scoring::parse_json(out.dump(), path);
  if (!reparsed.doc) return {std::nullopt, {*reparsed.error}};
  auto load = scoring::shift_transcript_from_doc(*reparsed.doc);
  load.diagnostics.insert(load.diagnostics.begin(), notes.begin(), notes.end());
  return load;
}

bool replay_shift_journal(ShiftRun& run, const scoring::ShiftTranscript& journalled) {
  struct Step {
    Seconds at;
    int order;  // a switch before a reply at the same time
    std::string chat;
    const std::string* text;
  };
  std::vector<Step> steps;
  for (const auto& f : journalled.focus)
    if (f.chat < journalled.chats.size()) steps.push_back({f.at, 0, journalled.chats[f.chat].id, nullptr});
  Seconds last = 0;
  for (const auto& c : journalled.chats)
    for (const auto& m : c.transcript.messages) {
      last = std::max(last, c.shift_time(m.at));
      if (m.is_trainee_message()) steps.push_back({c.shift_time(m.at), 1, c.id, &m.text});
    }
  std::stable_sort(steps.begin(), steps.end(),
                   [](const Step& a, const Step& b) { return std::pair(a.at, a.order) < std::pair(b.at, b.order); });
  for (const auto& s : steps) {
    if (s.text) run.send(s.at, s.chat, *s.text);
    else run.focus(s.at, s.chat);
  }
  run.advance(last + k_journal_time_step);
  for (const auto& c : journalled.chats) {
    const auto i = run.chat_index(c.id);
    if (!i || !run.chats()[*i].session) return false;
    const auto& got = run.chats()[*i].session->transcript().messages;
    const auto& want = c.transcript.messages;
    if (got.size() < want.size()) return false;
    for (std::size_t k = 0; k < want.size(); ++k)
      if (got[k].from != want[k].from || got[k].kind != want[k].kind || got[k].text != want[k].text ||
          std::abs(got[k].at - want[k].at) > 2 * k_journal_time_step)
        return false;
  }
  return !run.finished() || journalled.outcome != "interrupted";
}

// ---------------------------------------------------------------------------------------
// [SECTION] scripted

namespace {

std::optional<ShiftReply> read_shift_reply(const scoring::JsonDoc& doc, double previous, const Shift& shift,
                                           scoring::Diagnostics& out) {
  FieldReader r(doc, out);
  const Json& root = doc.root;
  if (!root.is_object()) {
    r.wrong_type("", root, "an object {\"at\": seconds, \"chat\": \"c1\", \"text\": \"...\"}");
    return std::nullopt;
  }
  r.check_members(root, "", {"at", "chat", "text"});
  auto at = r.seconds(root, "", "at", true, true, k_max_shift_seconds);
  auto chat = r.string(root, "", "chat", true, "the chat's id in the shift");
  std::optional<std::string> text;
  if (root.contains("text")) text = r.text(root, "", "text", false, "the trainee's reply");
  if (!at || !chat || (root.contains("text") && !text)) return std::nullopt;
  if (*at < previous) {
    r.error("at", fmt::format("{} s is earlier than the reply before it ({} s); replies must be in time order", *at,
                              previous));
    return std::nullopt;
  }
  const ShiftChat* plan = shift.chat(*chat);
  if (!plan) {
    std::vector<std::string> ids;
    for (const auto& c : shift.chats) ids.push_back(c.id);
    r.error("chat", fmt::format("\"{}\" is not a chat of shift \"{}\"{}", *chat, shift.id, did_you_mean(*chat, ids)));
    return std::nullopt;
  }
  if (*at < plan->arrive_at) {
    r.error("at", fmt::format("{} s is before chat \"{}\" arrives ({} s)", *at, *chat, plan->arrive_at));
    return std::nullopt;
  }
  if (text && text->size() > scoring::k_max_reply_bytes) {
    r.error("text", fmt::format("the reply is {} bytes, more than the {} a trainee can send in one reply", text->size(),
                                scoring::k_max_reply_text));
    return std::nullopt;
  }
  return ShiftReply{*at, *chat, text, 0};
}

}  // namespace

ShiftRepliesLoad parse_shift_replies(std::string_view text, const std::string& file, const Shift& shift) {
  ShiftRepliesLoad result;
  double previous = 0;
  read_json_lines(text, file, result.diagnostics,
                  [&](const scoring::JsonDoc& doc, int line, scoring::Diagnostics& found) {
                    if (auto reply = read_shift_reply(doc, previous, shift, found)) {
                      previous = reply->at;
                      reply->line = line;
                      result.replies.push_back(std::move(*reply));
                    }
                  });
  if (scoring::has_errors(result.diagnostics)) result.replies.clear();
  return result;
}

ShiftRepliesLoad load_shift_replies(const std::string& path, const Shift& shift) {
  std::string error;
  const auto text = scoring::read_text_file(path, error);
  if (!text) return ShiftRepliesLoad{{}, {scoring::Diagnostic{path, {}, "", error}}};
  return parse_shift_replies(*text, path, shift);
}

scoring::Diagnostics play_shift(ShiftRun& run, const std::vector<ShiftReply>& replies, const std::string& file,
                                Seconds horizon) {
  scoring::Diagnostics notes;
  auto note = [&](const ShiftReply& r, std::string message) {
    notes.push_back({file, {r.line, 1}, "", std::move(message), scoring::Severity::warning});
  };
  for (const auto& r : replies) {
    if (run.finished()) {
      note(r, fmt::format("the shift was over at {:g} s: this and later lines were not played", run.now()));
      break;
    }
    if (!r.text) {
      if (!run.focus(r.at, r.chat))
        note(r, fmt::format("chat \"{}\" is still in the queue at {:g} s: cannot switch to it", r.chat, r.at));
      continue;
    }
    switch (run.send(r.at, r.chat, *r.text)) {
      case ShiftRun::Sent::sent: break;
      case ShiftRun::Sent::queued:
        note(r, fmt::format("chat \"{}\" is still in the queue at {:g} s: the reply was not sent", r.chat, r.at));
        break;
      case ShiftRun::Sent::ended:
        note(r, fmt::format("chat \"{}\" had ended by {:g} s: the reply was not sent", r.chat, r.at));
        break;
      case ShiftRun::Sent::empty: note(r, "the reply is empty: nothing was sent"); break;
      case ShiftRun::Sent::unknown_chat:
      case ShiftRun::Sent::not_arrived: note(r, "the chat had not arrived: the reply was not sent"); break;
    }
  }
  const Seconds stop = (replies.empty() ? 0 : replies.back().at) + horizon;
  while (!run.finished()) {
    const auto due = run.next_due();
    if (!due || *due > stop) {
      run.end(stop);
      break;
    }
    run.advance(*due);
  }
  return notes;
}

}  // namespace chatdrill::engine
