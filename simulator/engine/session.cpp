// The session: runs a scenario's persona in the time it is given (advance/send), records
// the transcript and journals each event. The behaviour model's formulas are in
// persona.cpp, intent matching in matcher.cpp. Never reads a clock.
//
// [SECTION] state       the Impl: where the customer is and what it waits for
// [SECTION] timeline    what is due next and processing it in time order
// [SECTION] replies     a trainee reply: silence check-ins, tone, intents, fallbacks
// [SECTION] public API
#include "session.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <set>
#include <stdexcept>

#include "journal.h"
#include "persona.h"
#include "reply_reader.h"
#include "scenario.h"
#include "scoring/core/json_doc.h"

namespace chatdrill::engine {

// ---------------------------------------------------------------------------------------
// [SECTION] state

namespace kind = scoring::kind;
namespace sender = scoring::sender;

namespace {

// A customer line on its way: read the reply, type, then it appears at `ready_at`.
struct PendingLine {
  std::string_view kind;  // kind::message or kind::left
  std::string text;
  Seconds typing_from = 0, ready_at = 0;
  std::optional<Ending> ends;  // the line of an ending node: the session ends with it
  bool leaves = false;         // the customer leaves with this line
};

enum class Quiet { none, soon, silent };  // silence: not yet, about to go quiet, quiet

double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

std::string trimmed(std::string_view text) {
  const auto b = text.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(b, e - b + 1));
}

}  // namespace

struct Session::Impl {
  std::shared_ptr<const Scenario> sc;
  SessionOptions options;
  ReplyReader reader;
  scoring::TextAnalyzer& analyzer;
  VariantPicker picker;

  Seconds now = 0;
  std::string node;
  double mood = 0;
  std::deque<PendingLine> pending;
  bool waiting = false;
  Seconds wait_since = 0;
  std::size_t nudges_done = 0;
  std::size_t nudge_first = 0;
  Quiet quiet = Quiet::none;
  Seconds quiet_at = 0;                 // soon: when it goes quiet; silent: since when
  std::optional<Seconds> early_return;  // a check-in came before the window: back when it opens
  std::optional<Seconds> hold_until;    // the customer waits for the agent to come back
  int misunderstood = 0;                // fallbacks in a row
  std::string last_fallback;            // never the same fallback line twice in a row
  std::set<std::string> said;           // every customer line picked so far: no word-for-word repeats
  // The last reply that reached an intent and the clauses it used: its other requests are
  // answered in turn at the nodes that follow (several intents in one message).
  std::optional<scoring::Analysis> remembered;
  std::vector<int> remembered_used;
  bool finished = false;
  std::string outcome;
  scoring::Transcript transcript;
  std::unique_ptr<Journal> journal;
  std::string journal_error;

  Impl(std::shared_ptr<const Scenario> s, SessionOptions o)
      : sc(std::move(s)), options(std::move(o)), reader(sc), analyzer(reader.analyzer()), picker(options.seed) {
    node = sc->start;
    mood = sc->persona.mood;
    transcript.scenario = sc->id;
    transcript.language = sc->language;
    transcript.seed = options.seed;
    if (!options.trainee.empty()) transcript.extra["trainee"] = options.trainee;
    if (!options.journal_path.empty())
      journal = Journal::create(options.journal_path, transcript, options.trainee, journal_error);
  }

  const Node& current() const { return sc->nodes.at(node); }
  double base_patience() const { return current().patience.value_or(sc->persona.patience); }
  double patience_seconds() const { return effective_patience(base_patience(), mood); }

  double patience_left() const {
    if (quiet == Quiet::silent) return std::clamp(1.0 - (now - quiet_at) / current().silence->leave_after, 0.0, 1.0);
    const double waited = waiting ? now - wait_since : 0.0;
    return std::clamp((patience_seconds() - waited) / base_patience(), 0.0, 1.0);
  }

  void record(std::string_view from, std::string_view kind, Seconds at, std::string text,
              scoring::Json extra = scoring::Json::object()) {
    scoring::Message m;
    m.from = from;
    m.kind = kind;
    m.at = at;
    m.text = std::move(text);
    m.extra = std::move(extra);
    m.extra["node"] = node;
    m.mood = round3(mood);
    m.patience = round3(patience_left());
    if (journal && journal_error.empty()) journal_error = journal->append(m);
    transcript.messages.push_back(std::move(m));
  }

  void finish(Seconds at, std::string result, const std::string& label) {
    if (finished) return;
    now = std::max(now, at);
    finished = true;
    outcome = result;
    transcript.outcome = result;
    record(sender::system, kind::ended, at, label.empty() ? result : label, scoring::Json{{"outcome", result}});
    pending.clear();
    waiting = false;
    quiet = Quiet::none;
    if (journal && journal_error.empty()) journal_error = journal->finish(result);
  }

  // The customer's line for the node it is now at (upset variant when in a bad mood).
  std::string node_line() {
    const Node& n = current();
    const auto& lines = mood < -0.3 && !n.say_upset.empty() ? n.say_upset : n.say;
    return unsaid(lines, picker.index(lines.size()), true);
  }

  // The variant at `pick`, or the first after it not yet said in this chat: a customer
  // does not repeat a line word for word. When every variant has been said, a content line
  // comes back marked as a repeat ("Kuten sanoin: ..."); a nudge ("Haloo?") just repeats.
  std::string unsaid(const std::vector<std::string>& lines, std::size_t pick, bool content) {
    if (lines.empty()) return {};
    pick %= lines.size();
    for (std::size_t k = 0; k < lines.size(); ++k) {
      const std::string& line = lines[(pick + k) % lines.size()];
      if (!said.count(line)) {
        said.insert(line);
        return line;
      }
    }
    std::string line = lines[pick];
    if (content) {
      for (const auto& prefix : reader.behaviour(node).repeat.say) {
        if (said.count(prefix + line)) continue;
        line = prefix + line;
        break;
      }
    }
    said.insert(line);
    return line;
  }

  // A line with a blank line in it ("Hei.\n\nTilasin sohvan...") is sent as messages in a
  // row, each typed after the one before; the last one carries the ending or the leaving.
  static std::vector<std::string> message_parts(const std::string& text) {
    std::vector<std::string> parts;
    for (std::size_t at = 0; at <= text.size();) {
      std::size_t end = text.find("\n\n", at);
      if (end == std::string::npos) end = text.size();
      std::string part = trimmed(std::string_view(text).substr(at, end - at));
      if (!part.empty()) parts.push_back(std::move(part));
      at = end + 2;
    }
    if (parts.empty()) parts.push_back(text);
    return parts;
  }

  // Queues `line`'s messages, typing from `start` (or when the line before is done); with
  // `type_first` false its first message needs no typing (the opening line at 0 s).
  void queue_parts(Seconds start, PendingLine line, bool type_first) {
    auto parts = message_parts(line.text);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      PendingLine part{line.kind, std::move(parts[i]), 0, 0, std::nullopt, false};
      if (i + 1 == parts.size()) part.ends = line.ends, part.leaves = line.leaves;
      part.typing_from = pending.empty() ? start : std::max(start, pending.back().ready_at);
      part.ready_at = part.typing_from + (i == 0 && !type_first ? 0 : typing_time(part.text, sc->persona.typing_cps));
      pending.push_back(std::move(part));
    }
  }

  void queue_line(Seconds at, std::string_view reply, PendingLine line) {
    queue_parts(at + reading_delay(reply), std::move(line), true);
    waiting = false;
  }

  void queue_node_line(Seconds at, std::string_view reply) {
    PendingLine line{kind::message, node_line(), 0, 0, current().end, false};
    queue_line(at, reply, std::move(line));
  }

  // ---------------------------------------------------------------------------------------
  // [SECTION] timeline

  enum class Due { none, line, time_limit, leave, nudge, go_quiet, silent_leave, early_return, hold_over };

  std::pair<Due, Seconds> next_event() const {
    std::pair<Due, Seconds> best{Due::none, 0};
    auto consider = [&](Due what, Seconds t) {
      if (best.first == Due::none || t < best.second) best = {what, t};
    };
    if (finished) return best;
    if (!pending.empty()) consider(Due::line, pending.front().ready_at);
    if (options.time_limit) consider(Due::time_limit, *options.time_limit);
    if (waiting) {
      const double p = patience_seconds();
      consider(Due::leave, wait_since + p);
      const auto& at = sc->persona.nudge_at;
      if (nudges_done < at.size()) consider(Due::nudge, wait_since + at[nudges_done] * p);
    }
    if (quiet == Quiet::soon) consider(Due::go_quiet, quiet_at);
    if (quiet == Quiet::silent) consider(Due::silent_leave, quiet_at + current().silence->leave_after);
    if (quiet == Quiet::silent && early_return) consider(Due::early_return, *early_return);
    if (hold_until && pending.empty()) consider(Due::hold_over, *hold_until);
    return best;
  }

  void come_back(Seconds at, std::string_view reply) {
    quiet = Quiet::none;
    record(sender::customer, kind::returned, at, "");
    node = current().silence->back;
    queue_node_line(at, reply);
  }

  void show_line(Seconds t) {
    hold_until.reset();
    PendingLine line = std::move(pending.front());
    pending.pop_front();
    record(sender::customer, line.kind, t, line.text);
    if (line.leaves) return finish(t, "customer_left", "");
    if (line.ends) return finish(t, line.ends->outcome, line.ends->label);
    if (!pending.empty()) return;
    if (current().silence) {
      quiet = Quiet::soon;
      quiet_at = t + current().silence->after;
    } else {
      waiting = true;
      wait_since = t;
      nudges_done = 0;
    }
  }

  void process(Due what, Seconds t) {
    t = std::max(now, t);  // never record an event before one already recorded
    now = t;
    switch (what) {
      case Due::line: return show_line(t);
      case Due::time_limit: return finish(t, "time_up", "");
      case Due::leave:
        record(sender::customer, kind::left, t,
               unsaid(sc->persona.leave, picker.index(sc->persona.leave.size()), true));
        return finish(t, "customer_left", "");
      case Due::nudge: {
        // The first nudge of a wait is picked at random, the next ones follow it, so a
        // customer does not say "Haloo?" three times in a row.
        const auto& lines = sc->persona.nudges;
        if (nudges_done == 0) nudge_first = picker.index(lines.size());
        return record(sender::customer, kind::nudge, t, unsaid(lines, nudge_first + nudges_done++, false));
      }
      case Due::go_quiet:
        quiet = Quiet::silent;
        quiet_at = t;
        return record(sender::customer, kind::silent, t, "");
      case Due::silent_leave: record(sender::customer, kind::left, t, ""); return finish(t, "customer_left", "");
      case Due::early_return: early_return.reset(); return come_back(t, "");
      case Due::hold_over: {
        // The hold ran out: the customer asks once, then waits as for any answer.
        hold_until.reset();
        const auto& ask = reader.behaviour(node).hold.say;
        if (!ask.empty()) record(sender::customer, kind::nudge, t, unsaid(ask, picker.index(ask.size()), false));
        waiting = true;
        wait_since = t;
        nudges_done = 0;
        return;
      }
      case Due::none: return;
    }
  }

  void advance(Seconds to) {
    // Each step changes state (a line shown, a nudge counted, ...), so this ends.
    for (auto [what, t] = next_event(); what != Due::none && t <= to; std::tie(what, t) = next_event())
      process(what, t);
    now = std::max(now, to);
  }

  // ---------------------------------------------------------------------------------------
  // [SECTION] replies

  // What the customer makes of a reply, decided before anything changes so the reply is
  // recorded first, with the node it answered and the mood it leaves.
  struct Reaction {
    enum Kind { ignored, checkin, early_checkin, read } kind = read;
    ReplyReading reading;
    double mood_change = 0;
    std::string label;  // recorded as the reply's "intent"
  };

  Reaction decide(Seconds at, const scoring::Analysis& a, double mood_now) const {
    Reaction r;
    r.mood_change = tone_change(a);
    if (quiet == Quiet::silent) {
      // While quiet, only a check-in brings the customer back: within the window at once,
      // before it when the window opens (it is read, not lost), after it not at all.
      const Silence& s = *current().silence;
      const Seconds quiet_for = at - quiet_at;
      const bool checkin = reader.is_checkin(node, a);
      r.kind = !checkin || quiet_for > s.window_to ? Reaction::ignored
               : quiet_for < s.window_from         ? Reaction::early_checkin
                                                   : Reaction::checkin;
      r.label = r.kind == Reaction::ignored ? "ignored" : "checkin";
      return r;
    }
    r.reading = reader.read(node, a, clamp_mood(mood_now + r.mood_change));
    const ReplyReading& rd = r.reading;
    if (rd.kind == ReplyReading::Kind::intent) r.mood_change += current().expect[rd.intent_index].mood;
    if (rd.kind == ReplyReading::Kind::reaction) r.mood_change += rd.reaction->mood;
    r.label = rd.label;
    return r;
  }

  // A line for the customer that is not the one it said last time (fallbacks, reactions).
  std::string fresh_line(const std::vector<std::string>& lines) {
    std::size_t i = picker.index(lines.size());
    if (lines.size() > 1 && lines[i] == last_fallback) i = (i + 1) % lines.size();
    last_fallback = unsaid(lines, i, true);
    return last_fallback;
  }

  void leave_now(Seconds at, const std::string& text, const std::string& line) {
    quiet = Quiet::none;
    pending.clear();
    queue_line(at, text, PendingLine{kind::left, line, 0, 0, std::nullopt, true});
  }

  // The reply reached an intent: move on, and answer the reply's other requests in turn.
  void follow_intent(Seconds at, const std::string& text, const scoring::Analysis& a, const ReplyReading& rd) {
    misunderstood = 0;
    node = current().expect[rd.intent_index].go_to;
    queue_node_line(at, text);
    if (!reader.behaviour(node).multi_intent) return;
    remembered = a;
    // Whole sentences are answered: only a question in another sentence is taken up next.
    remembered_used.clear();
    for (int used : rd.used_clauses)
      for (std::size_t c = 0; c < a.clauses.size(); ++c)
        if (a.clauses[c].sentence == a.clauses[static_cast<std::size_t>(used)].sentence)
          remembered_used.push_back(static_cast<int>(c));
    for (int chain = 0; chain < 2 && !current().end; ++chain) {
      ReplyReading next = reader.read(node, *remembered, mood, remembered_used);
      // Only what the trainee asked is answered in turn: a question in another clause.
      if (next.kind != ReplyReading::Kind::intent || !current().expect[next.intent_index].positive() || !next.reason ||
          next.reason->clause < 0 || !remembered->clauses[static_cast<std::size_t>(next.reason->clause)].question)
        break;
      for (int used : next.used_clauses)
        for (std::size_t c = 0; c < remembered->clauses.size(); ++c)
          if (remembered->clauses[c].sentence == remembered->clauses[static_cast<std::size_t>(used)].sentence)
            remembered_used.push_back(static_cast<int>(c));
      mood = clamp_mood(mood + current().expect[next.intent_index].mood);
      node = current().expect[next.intent_index].go_to;
      queue_node_line(at, text);
    }
  }

  void fall_back(Seconds at, const std::string& text) {
    const auto& m = reader.behaviour(node).misunderstanding;
    if (m.enabled && ++misunderstood >= m.limit) {
      misunderstood = 0;
      if (m.then == "leave")
        return leave_now(at, text,
                         m.say.empty() ? unsaid(sc->persona.leave, picker.index(sc->persona.leave.size()), true)
                                       : fresh_line(m.say));
      mood = clamp_mood(mood - 0.3);  // escalate: the customer asks for someone else
      if (!m.say.empty())
        return queue_line(at, text, PendingLine{kind::message, fresh_line(m.say), 0, 0, std::nullopt, false});
    }
    // The node's fallback (its lines, and/or a move), else the scenario's lines.
    const auto& fb = current().fallback;
    const bool own_lines = fb && !fb->say.empty();
    if (fb && !fb->go_to.empty()) node = fb->go_to;
    if (!own_lines && fb && !fb->go_to.empty()) return queue_node_line(at, text);
    queue_line(at, text,
               PendingLine{kind::message, fresh_line(own_lines ? fb->say : sc->fallback), 0, 0, current().end, false});
  }

  void apply(Seconds at, const std::string& text, const scoring::Analysis& a, const Reaction& r) {
    const bool was_waiting = waiting;
    waiting = false;
    hold_until.reset();
    if (mood <= -1)
      return leave_now(at, text,
                       unsaid(sc->persona.leave, picker.index(sc->persona.leave.size()), true));  // pushed too far
    switch (r.kind) {
      case Reaction::ignored: return;
      case Reaction::early_checkin: early_return = quiet_at + current().silence->window_from; return;
      case Reaction::checkin: return come_back(at, text);
      case Reaction::read: break;
    }
    quiet = Quiet::none;
    const ReplyReading& rd = r.reading;
    switch (rd.kind) {
      case ReplyReading::Kind::intent: return follow_intent(at, text, a, rd);
      case ReplyReading::Kind::reaction:
        return queue_line(at, text,
                          PendingLine{kind::message, fresh_line(rd.reaction->say), 0, 0, std::nullopt, false});
      case ReplyReading::Kind::hold:
        hold_until = at + rd.hold_seconds;  // patience rests while the agent looks
        return;
      case ReplyReading::Kind::courtesy:
        // A greeting or thanks alone: nothing to answer, the customer goes on waiting.
        waiting = was_waiting;
        if (!was_waiting && pending.empty() && !current().silence) waiting = true, wait_since = at, nudges_done = 0;
        return;
      case ReplyReading::Kind::fallback: return fall_back(at, text);
    }
  }

  void send(Seconds at, std::string_view raw, const scoring::Json& noted) {
    advance(at);
    if (finished) return;
    std::string text = scoring::sanitize_utf8(trimmed(raw));
    if (text.empty()) return;
    const scoring::Analysis a = analyzer.analyze(text);
    const Reaction r = decide(at, a, mood);
    mood = clamp_mood(mood + r.mood_change);
    // "helps": the reply is what the node expected (a positive intent), so the grade counts
    // it as responding to the customer even when it shares no word with them.
    const bool helps = r.kind == Reaction::read && r.reading.kind == ReplyReading::Kind::intent &&
                       current().expect[r.reading.intent_index].positive();
    scoring::Json extra{{"intent", r.label}};
    if (helps) extra["helps"] = true;
    if (noted.is_object())
      for (const auto& [key, value] : noted.items())
        if (!extra.contains(key) && key != "node") extra[key] = value;
    record(sender::trainee, kind::message, at, text, std::move(extra));
    apply(at, text, a, r);
  }
};

// ---------------------------------------------------------------------------------------
// [SECTION] public API

Session::Session(std::shared_ptr<const Scenario> scenario, SessionOptions options) {
  if (!scenario || !scenario->node(scenario->start)) throw std::invalid_argument("Session needs a loaded scenario");
  impl_ = std::make_unique<Impl>(std::move(scenario), std::move(options));
  Impl& s = *impl_;
  // The customer opens the chat at 0 with the start node's line (its first message at 0,
  // any further ones typed after it).
  s.queue_parts(0, PendingLine{kind::message, s.node_line(), 0, 0, s.current().end, false}, false);
  s.advance(0);
}

Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

namespace {
// Time never goes backwards, and a broken clock value (NaN, inf) means "no time passed".
Seconds forward(Seconds now, Seconds current) { return std::isfinite(now) && now > current ? now : current; }
}  // namespace

void Session::advance(Seconds now) { impl_->advance(forward(now, impl_->now)); }

void Session::send(Seconds now, std::string_view text, const scoring::Json& noted) {
  impl_->send(forward(now, impl_->now), text, noted);
}

void Session::end(Seconds now, std::string outcome) {
  Impl& s = *impl_;
  s.advance(forward(now, s.now));
  if (outcome.empty()) outcome = "ended_by_trainee";
  s.finish(s.now, std::move(outcome), "");
}

std::optional<Seconds> Session::next_due() const {
  const Impl& s = *impl_;
  auto [what, t] = s.next_event();
  std::optional<Seconds> due;
  if (what != Impl::Due::none) due = t;
  // The "typing..." indicator switching on is a change the app must draw.
  if (!s.pending.empty() && s.pending.front().typing_from > s.now)
    due = due ? std::min(*due, s.pending.front().typing_from) : s.pending.front().typing_from;
  return due;
}

bool Session::finished() const { return impl_->finished; }
const std::string& Session::outcome() const { return impl_->outcome; }
const scoring::Transcript& Session::transcript() const { return impl_->transcript; }
const Scenario& Session::scenario() const { return *impl_->sc; }
const std::string& Session::journal_error() const { return impl_->journal_error; }

CustomerState Session::customer() const {
  const Impl& s = *impl_;
  CustomerState c;
  c.typing = !s.finished && !s.pending.empty() && s.now >= s.pending.front().typing_from;
  c.silent = s.quiet == Quiet::silent;
  c.waiting = s.waiting;
  c.waited = s.waiting ? s.now - s.wait_since : 0;
  c.patience = s.patience_left();
  c.mood = s.mood;
  c.node = s.node;
  c.on_hold = s.hold_until.has_value();
  c.quiet_for = c.silent ? s.now - s.quiet_at : 0;
  return c;
}

}  // namespace chatdrill::engine
