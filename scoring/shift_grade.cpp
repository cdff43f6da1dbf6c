// The shift summary grade (multitasking) and the per-chat grades of a shift; see
// shift_grade.h and GRADING.md, "Multitasking".
//
// [SECTION] identifiers   what a reply could carry over from another chat's case
// [SECTION] timeline      waits, and where the trainee was during them
// [SECTION] rules         the multitasking evidence
#include "shift_grade.h"

#include "grade_internal.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace chatdrill::scoring {

// ---------------------------------------------------------------------------------------
// [SECTION] identifiers

namespace {

bool id_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '@' || c == '.' || c == '_' || c == '+';
}
bool digit(char c) { return c >= '0' && c <= '9'; }

// The run is a price when a currency sign or a percent follows it (after the cents) or
// precedes it.
bool is_amount(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t k = end;
  while (k < text.size() && (text[k] == ',' || text[k] == ' ' || digit(text[k]))) ++k;
  if (text.substr(k, 3) == "\xe2\x82\xac" || (k < text.size() && (text[k] == '%' || text[k] == '$'))) return true;
  if (text.substr(k, 1) == "e" && text.substr(k, 4) == "euro") return true;
  std::size_t b = begin;
  while (b > 0 && text[b - 1] == ' ') --b;
  if (b >= 3 && text.substr(b - 3, 3) == "\xe2\x82\xac") return true;
  if (b >= 2 && text.substr(b - 2, 2) == "\xc2\xa3") return true;
  return b >= 1 && text[b - 1] == '$';
}

}  // namespace

std::vector<std::string> identifiers_in(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!id_char(text[i])) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (i < text.size()) {
      if (id_char(text[i])) ++i;
      // Digit groups joined by one space: "040 718 2291", "A-204 118".
      else if (text[i] == ' ' && i > begin && digit(text[i - 1]) && i + 1 < text.size() && digit(text[i + 1])) ++i;
      else break;
    }
    std::size_t end = i;
    while (end > begin && (text[end - 1] == '.' || text[end - 1] == '-' || text[end - 1] == '_')) --end;
    const std::string_view run = text.substr(begin, end - begin);
    const auto at = run.find('@');
    int digits = 0;
    for (char c : run) digits += digit(c);
    const bool email = at != std::string_view::npos && at > 0 && run.find('.', at) != std::string_view::npos;
    bool keep = email;
    if (!email && digits >= 4 && run.find('.') == std::string_view::npos && !is_amount(text, begin, end)) {
      const bool year = run.size() == 4 && digits == 4 && (run.substr(0, 2) == "19" || run.substr(0, 2) == "20");
      keep = !year;
    }
    if (keep) out.emplace_back(run);
  }
  return out;
}

std::string identifier_key(std::string_view identifier) {
  std::string key;
  for (char c : identifier)
    if (c != ' ') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

// ---------------------------------------------------------------------------------------
// [SECTION] timeline

namespace {

using detail::GraderLanguage;

// Seconds of [from, to) the trainee spent in chat `chat`.
double time_in(const ShiftTranscript& s, std::size_t chat, double from, double to) {
  double total = 0;
  for (std::size_t k = 0; k < s.focus.size(); ++k) {
    if (s.focus[k].chat != chat) continue;
    const double a = std::max(from, s.focus[k].at);
    const double b = std::min(to, k + 1 < s.focus.size() ? s.focus[k + 1].at : to);
    if (b > a) total += b - a;
  }
  return total;
}

double elsewhere(const ShiftTranscript& s, std::size_t chat, double from, double to) {
  return to > from ? (to - from) - time_in(s, chat, from, to) : 0.0;
}

// The chat the trainee was in at `t` (none before the first switch).
std::optional<std::size_t> focus_at(const ShiftTranscript& s, double t) {
  std::optional<std::size_t> in;
  for (const auto& f : s.focus)
    if (f.at <= t) in = f.chat;
  return in;
}

double end_of(const ShiftChatRecord& c) {
  double end = 0;
  for (const auto& m : c.transcript.messages) end = std::max(end, m.at);
  return c.shift_time(end);
}

// A customer waiting for the trainee: from their first unanswered message to the reply.
struct Wait {
  std::size_t chat = 0, message = 0;
  double from = 0, to = 0, away = 0;
};

std::vector<Wait> waits_of(const ShiftTranscript& s) {
  std::vector<Wait> out;
  for (std::size_t c = 0; c < s.chats.size(); ++c) {
    const auto& chat = s.chats[c];
    std::optional<Wait> open;
    auto close = [&](double to) {
      open->to = to;
      open->away = elsewhere(s, c, open->from, to);
      out.push_back(*open);
      open.reset();
    };
    const auto& ms = chat.transcript.messages;
    for (std::size_t k = 0; k < ms.size(); ++k) {
      const double t = chat.shift_time(ms[k].at);
      if (ms[k].is_customer_message()) {
        if (!open) open = Wait{c, k, t, t, 0};
      } else if (ms[k].is_trainee_message() || ms[k].is_customer_event(kind::left) ||
                 (Message::is(ms[k].kind, kind::ended))) {
        if (open) close(t);
      }
    }
    if (open) close(end_of(chat));
  }
  return out;
}

// The sentence of `text` that holds `move`, trimmed, as valid UTF-8 (for quoting in a note).
std::string sentence_of(const std::string& text, const Analysis& a, const Move& move) {
  std::string_view out = text;
  if (move.clause >= 0 && static_cast<std::size_t>(move.clause) < a.clauses.size()) {
    const auto s = static_cast<std::size_t>(a.clauses[static_cast<std::size_t>(move.clause)].sentence);
    if (s < a.sentences.size() && a.sentences[s].end <= text.size() && a.sentences[s].begin < a.sentences[s].end)
      out = out.substr(a.sentences[s].begin, a.sentences[s].end - a.sentences[s].begin);
  }
  while (!out.empty() && (out.front() == ' ' || out.front() == '\n')) out.remove_prefix(1);
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.remove_suffix(1);
  return sanitize_utf8(out);
}

std::string who(const ShiftChatRecord& c) { return c.customer.empty() ? c.id : c.customer; }

std::vector<std::string> name_words(const std::string& name) {
  std::vector<std::string> words;
  std::string w;
  for (char ch : name + " ") {
    if (ch == ' ' || ch == '\t') {
      if (w.size() >= 3) words.push_back(w);
      w.clear();
    } else w += ch;
  }
  return words;
}

// ---------------------------------------------------------------------------------------
// [SECTION] rules

struct Summary {
  const ShiftTranscript& s;
  const std::vector<Rubric>& rubrics;
  const ShiftRubric& targets;
  GraderLanguage& lang;
  ShiftGrade& out;
  long long tenths = 0;

  bool fi() const { return lang.language == Language::fi; }
  void add(std::optional<std::size_t> chat, std::optional<std::size_t> message, const char* rule, double points,
           std::string note) {
    const long long t = std::llround(points * 10.0);
    tenths += t;
    out.evidence.push_back({chat, message, rule, static_cast<double>(t) / 10.0, std::move(note)});
  }
  detail::Duration d(double seconds) const { return detail::duration(std::round(seconds), fi()); }

  void longest_wait(const std::vector<Wait>& waits) {
    const Wait* longest = nullptr;
    for (const auto& w : waits)
      if (w.away > 0 && (!longest || w.away > longest->away)) longest = &w;
    if (!longest) {
      add(std::nullopt, std::nullopt, "multitasking.longest_wait", 0,
          lang.notes.format("multitasking.no_wait_elsewhere"));
      return;
    }
    const auto& chat = s.chats[longest->chat];
    out.figures.longest_wait = longest->away;
    out.figures.longest_wait_chat = longest->chat;
    const double over = longest->away - targets.wait_target;
    if (over <= 0) {
      add(longest->chat, longest->message, "multitasking.longest_wait", 0,
          lang.notes.format("multitasking.longest_wait_ok", d(longest->away), who(chat), chat.id,
                            d(targets.wait_target)));
      return;
    }
    add(longest->chat, longest->message, "multitasking.longest_wait",
        -std::min(targets.wait_cost_max, over * targets.wait_cost_per_s),
        lang.notes.format("multitasking.longest_wait", who(chat), chat.id, d(longest->away), d(over),
                          d(targets.wait_target)));
  }

  void left_unattended() {
    for (std::size_t c = 0; c < s.chats.size(); ++c) {
      const auto& chat = s.chats[c];
      const auto& ms = chat.transcript.messages;
      std::optional<double> since;  // the trainee's last word in this chat
      for (std::size_t k = 0; k < ms.size(); ++k) {
        const double t = chat.shift_time(ms[k].at);
        if (ms[k].is_trainee_message()) since = t;
        if (!ms[k].is_customer_event(kind::left) || focus_at(s, t) == c) continue;
        ++out.figures.left_unattended;
        const bool queued = !chat.picked_up_at || *chat.picked_up_at >= t;
        add(c, k, "multitasking.left_unattended", -targets.unattended_cost,
            queued  ? lang.notes.format("multitasking.left_in_queue", who(chat), chat.id, d(t - chat.arrived_at))
            : since ? lang.notes.format("multitasking.left_unattended", who(chat), chat.id, d(t - *since))
                    : lang.notes.format("multitasking.left_unanswered", who(chat), chat.id, d(t - chat.arrived_at)));
        break;
      }
    }
  }

  void kept_informed() {
    for (std::size_t c = 0; c < s.chats.size(); ++c) {
      const auto& chat = s.chats[c];
      const auto& ms = chat.transcript.messages;
      for (std::size_t k = 0; k < ms.size(); ++k) {
        if (!ms[k].is_trainee_message()) continue;
        const Analysis a = lang.analyzer.analyze(ms[k].text);
        const Move* hold = a.move(MoveKind::hold);
        if (!hold) continue;
        double next = end_of(chat);
        for (std::size_t j = k + 1; j < ms.size(); ++j)
          if (ms[j].is_trainee_message()) {
            next = chat.shift_time(ms[j].at);
            break;
          }
        const double away = elsewhere(s, c, chat.shift_time(ms[k].at), next);
        if (away < targets.informed_after) continue;
        if (++out.figures.kept_informed > targets.informed_max) continue;
        add(c, k, "multitasking.kept_informed", targets.informed_points,
            lang.notes.format("multitasking.kept_informed", who(chat), chat.id, sentence_of(ms[k].text, a, *hold),
                              d(away)));
      }
    }
  }

  // Another chat's customer name or case identifier in this reply (the first found).
  std::optional<std::string> wrong_chat_in(std::size_t c, const std::string& text) {
    const auto& chat = s.chats[c];
    const auto own_names = name_words(chat.customer);
    std::vector<std::string> own_keys;
    for (const auto& dtl : chat.details) own_keys.push_back(identifier_key(dtl));
    for (const auto& m : chat.transcript.messages)
      if (m.is_customer_message())
        for (const auto& id : identifiers_in(m.text)) own_keys.push_back(identifier_key(id));
    std::vector<std::string> reply_keys;
    for (const auto& id : identifiers_in(text)) reply_keys.push_back(identifier_key(id));
    for (std::size_t o = 0; o < s.chats.size(); ++o) {
      if (o == c) continue;
      const auto& other = s.chats[o];
      std::string names;
      for (const auto& w : name_words(other.customer)) {
        bool shared = false;
        for (const auto& own : own_names) shared = shared || lang.analyzer.fold(own) == lang.analyzer.fold(w);
        if (!shared) names += (names.empty() ? "" : " ") + w;
      }
      if (!names.empty()) {
        lang.analyzer.set_customer_name(names);
        const bool named = lang.analyzer.analyze(text).has("courtesy.name");
        lang.analyzer.set_customer_name("");
        if (named)
          return lang.notes.format("multitasking.wrong_chat_name", who(chat), chat.id, other.customer, other.id);
      }
      for (const auto& dtl : other.details) {
        const std::string key = identifier_key(dtl);
        if (std::find(own_keys.begin(), own_keys.end(), key) != own_keys.end()) continue;
        if (std::find(reply_keys.begin(), reply_keys.end(), key) != reply_keys.end())
          return lang.notes.format("multitasking.wrong_chat_detail", who(chat), chat.id, sanitize_utf8(dtl), other.id,
                                   who(other));
      }
    }
    return std::nullopt;
  }

  void wrong_chat() {
    for (std::size_t c = 0; c < s.chats.size(); ++c) {
      const auto& ms = s.chats[c].transcript.messages;
      for (std::size_t k = 0; k < ms.size(); ++k) {
        if (!ms[k].is_trainee_message()) continue;
        auto note = wrong_chat_in(c, ms[k].text);
        if (!note) continue;
        const bool counts = ++out.figures.wrong_chat <= targets.wrong_chat_max;
        add(c, k, "multitasking.wrong_chat", counts ? -targets.wrong_chat_cost : 0, std::move(*note));
      }
    }
  }

  void resolved_per_hour() {
    for (std::size_t c = 0; c < s.chats.size(); ++c) {
      const std::string& outcome = s.chats[c].transcript.outcome;
      std::optional<double> rating;
      if (c < rubrics.size())
        if (auto it = rubrics[c].outcome_ratings.find(outcome); it != rubrics[c].outcome_ratings.end())
          rating = it->second;
      if (!rating) rating = default_outcome_rating(outcome);
      out.figures.resolved += rating && *rating >= targets.resolved_rating;
    }
    out.figures.hours = s.ended_at / 3600.0;
    if (out.figures.hours <= 0) return;
    out.figures.resolved_per_hour = out.figures.resolved / out.figures.hours;
    add(std::nullopt, std::nullopt, "multitasking.resolved_per_hour", 0,
        lang.notes.format("multitasking.resolved_per_hour", out.figures.resolved, s.chats.size(), d(s.ended_at),
                          *out.figures.resolved_per_hour));
  }

  void finish() {
    if (tenths > 1000)
      add(std::nullopt, std::nullopt, "multitasking.clamp", static_cast<double>(1000 - tenths) / 10.0,
          lang.notes.format("grade.capped"));
    else if (tenths < 0)
      add(std::nullopt, std::nullopt, "multitasking.clamp", static_cast<double>(-tenths) / 10.0,
          lang.notes.format("grade.floored"));
    out.multitasking = static_cast<double>(tenths) / 10.0;
  }
};

}  // namespace

ShiftGrade grade_shift(const ShiftTranscript& shift, const std::vector<Rubric>& rubrics, Grader& grader,
                       const ShiftRubric& targets) {
  ShiftGrade out;
  const Rubric any_chat;
  for (std::size_t c = 0; c < shift.chats.size(); ++c)
    out.chats.push_back(
        grade_transcript(shift.chats[c].transcript, c < rubrics.size() ? rubrics[c] : any_chat, grader));
  GraderLanguage& lang = grader.impl().language(parse_language(shift.language).value_or(Language::en));
  Summary sum{shift, rubrics, targets, lang, out};
  sum.add(std::nullopt, std::nullopt, "multitasking.base", targets.base,
          lang.notes.format("multitasking.base", detail::whole(targets.base)));
  sum.longest_wait(waits_of(shift));
  sum.left_unattended();
  sum.kept_informed();
  sum.wrong_chat();
  sum.resolved_per_hour();
  sum.finish();
  return out;
}

Json shift_grade_to_json(const ShiftGrade& grade, const ShiftTranscript& shift) {
  Json j = Json::object();
  j["format"] = k_shift_grade_format;
  if (!shift.id.empty()) j["shift"] = shift.id;
  Json chats = Json::array();
  for (std::size_t c = 0; c < grade.chats.size() && c < shift.chats.size(); ++c) {
    Json g = grade_to_json(grade.chats[c]);
    g["chat"] = shift.chats[c].id;
    chats.push_back(std::move(g));
  }
  j["chats"] = std::move(chats);
  Json evidence = Json::array();
  for (const auto& e : grade.evidence) {
    Json item = Json::object();
    item["chat"] = e.chat && *e.chat < shift.chats.size() ? Json(shift.chats[*e.chat].id) : Json(nullptr);
    item["message"] = e.message ? Json(*e.message) : Json(nullptr);
    item["rule"] = e.rule;
    item["points"] = e.points;
    item["note"] = e.note;
    evidence.push_back(std::move(item));
  }
  const auto& f = grade.figures;
  Json figures = Json{{"longest_wait", std::round(f.longest_wait * 10) / 10},
                      {"left_unattended", f.left_unattended},
                      {"kept_informed", f.kept_informed},
                      {"wrong_chat", f.wrong_chat},
                      {"resolved", f.resolved},
                      {"hours", std::round(f.hours * 1000) / 1000}};
  figures["longest_wait_chat"] = f.longest_wait_chat && *f.longest_wait_chat < shift.chats.size()
                                     ? Json(shift.chats[*f.longest_wait_chat].id)
                                     : Json(nullptr);
  figures["resolved_per_hour"] = f.resolved_per_hour ? Json(std::round(*f.resolved_per_hour * 10) / 10) : Json(nullptr);
  j["multitasking"] = Json{{"score", grade.multitasking}, {"evidence", std::move(evidence)}, {"figures", figures}};
  return j;
}

}  // namespace chatdrill::scoring
