// Responsiveness: does a reply respond to the customer in front of it? A reply responds to
// the customer's latest turn when it shares a content word (lemma, compound part or stem)
// or a concept with it, answers its question, or is what the scenario's node expected
// (the session marks such replies "helps"). A hold ("hetkinen, tarkistan") responds by
// asking for time. A turn with nothing to respond to (a greeting alone) takes any reply.
// Sentences already sent in an earlier reply are repeats: what they do is paid once.
#include "grade_internal.h"
#include "text/terms.h"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace chatdrill::scoring::detail {

namespace {

bool covered_by(const Analysis& a, std::size_t k, std::string_view concept_id) {
  return std::any_of(a.concepts.begin(), a.concepts.end(),
                     [&](const ConceptHit& c) { return c.id == concept_id && c.first <= k && k <= c.last; });
}

bool in_courtesy_marker(const Analysis& a, const Token& t) {
  return std::any_of(a.markers.begin(), a.markers.end(), [&](const MarkerHit& m) {
    return m.id.starts_with("courtesy.") && m.begin <= t.begin && t.end <= m.end;
  });
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Base forms of the single words of the concepts that only frame a message (greetings,
// courtesy fillers, confirmations, topic-less words): a concept hit is recorded once per
// clause, so coverage of every token is checked against these words instead.
std::unordered_set<std::string> single_words(Language l, std::initializer_list<std::string_view> ids) {
  std::unordered_set<std::string> words;
  const auto concepts = load_concepts(l);
  for (const Term& t : concepts->terms.terms()) {
    const std::string_view id = concepts->ids[static_cast<std::size_t>(t.owner)];
    if (t.words.size() != 1 || std::find(ids.begin(), ids.end(), id) == ids.end()) continue;
    words.insert(t.words[0].folded);
    for (const auto& lemma : t.words[0].lemmas) words.insert(lemma);
  }
  return words;
}

const std::unordered_set<std::string>& frame_words(Language language) {
  static const auto build = [](Language l) {
    return single_words(l, {"topic.none", "courtesy.filler", "greeting", "customer.confirm", "answer.particle"});
  };
  static const std::unordered_set<std::string> fi = build(Language::fi), en = build(Language::en);
  return language == Language::fi ? fi : en;
}

// The words an answer to a yes/no question starts with (answer.particle).
const std::unordered_set<std::string>& particle_words(Language language) {
  static const std::unordered_set<std::string> fi = single_words(Language::fi, {"answer.particle"}),
                                               en = single_words(Language::en, {"answer.particle"});
  return language == Language::fi ? fi : en;
}

bool frame_word(const std::unordered_set<std::string>& frame, const Token& t, const WordInfo& w) {
  if (frame.count(std::string(t.folded))) return true;
  return std::any_of(w.lemmas.begin(), w.lemmas.end(), [&](const std::string& l) { return frame.count(l) > 0; });
}

thread_local const std::unordered_set<std::string>* t_frame = nullptr;  // the chat's language
thread_local const std::unordered_set<std::string>* t_particles = nullptr;

// A word that says what the message is about.
bool topical(const Analysis& a, std::size_t k) {
  const Token& t = a.tokens[k];
  const WordInfo& w = a.word(k);
  if (has_digit(t.folded)) return t.folded.size() >= 3;  // order numbers, prices, sizes
  if (t.folded.size() < 3 || w.negation) return false;
  if (w.any(WordClass::pronoun) || w.any(WordClass::conjunction) || w.any(WordClass::interjection) ||
      w.any(WordClass::adposition) || w.has_lemma("olla") || w.has_lemma("be"))
    return false;
  if (t_frame && frame_word(*t_frame, t, w)) return false;
  return !in_courtesy_marker(a, t) && !covered_by(a, k, "courtesy.filler") && !covered_by(a, k, "topic.none") &&
         !covered_by(a, k, "greeting") && !covered_by(a, k, "customer.confirm") && !covered_by(a, k, "answer.particle");
}

void topic_of(const Analysis& a, std::size_t from, std::size_t to, std::vector<std::string_view>& out) {
  out.clear();
  for (std::size_t k = from; k < to && k < a.tokens.size(); ++k) {
    if (!topical(a, k)) continue;
    const WordInfo& w = a.word(k);
    const Token& t = a.tokens[k];
    if (has_digit(t.folded)) {
      out.push_back(t.folded);
      continue;
    }
    for (const auto& l : w.lemmas)
      if (l.size() >= 3) out.push_back(l);
    for (const auto& p : w.parts)
      if (p.size() >= 4) out.push_back(p);
    if (w.stem.size() >= 4) out.push_back(w.stem);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

// Concepts that show what a message is about (not courtesy, not framing).
bool topical_concept(std::string_view id) {
  return !(id == "greeting" || id == "courtesy.filler" || id == "topic.none" || id == "open_door" || id == "checkin" ||
           id == "hold" || id == "hold.check" || id == "time.minute" || id == "time.second" || id == "answer.particle" ||
           id == "ownership" || id == "next_step" || id == "contact.verb" || id.starts_with("customer."));
}

// The first token of the reply whose topic key is in `keys`, or -1.
long shared_token(const Analysis& a, const std::unordered_set<std::string_view>& keys) {
  for (std::size_t k = 0; k < a.tokens.size(); ++k) {
    if (!topical(a, k)) continue;
    const WordInfo& w = a.word(k);
    const Token& t = a.tokens[k];
    if (has_digit(t.folded)) {
      if (keys.count(t.folded)) return static_cast<long>(k);
      continue;
    }
    for (const auto& l : w.lemmas)
      if (keys.count(l)) return static_cast<long>(k);
    for (const auto& p : w.parts)
      if (p.size() >= 4 && keys.count(p)) return static_cast<long>(k);
    if (w.stem.size() >= 4 && keys.count(w.stem)) return static_cast<long>(k);
  }
  return -1;
}

bool shares_concept(const Analysis& reply, const Analysis& customer) {
  for (const auto& r : reply.concepts) {
    if (r.negated || !topical_concept(r.id)) continue;
    for (const auto& c : customer.concepts)
      if (c.id == r.id) return true;
  }
  return false;
}

// The reply answers a question in the turn: a statement (not a counter-question, not a
// hold: "tarkistan asian" answers nothing yet) that starts like an answer (yes / no /
// unfortunately), gives a number the customer did not write, or — not being only a next
// step — shares a topic word with the customer's question.
bool answers(const ChatView& chat, std::size_t reply, const std::vector<std::size_t>& turn) {
  std::vector<std::string_view> asked;  // topic words of the turn's questions
  std::vector<std::string_view> sentence;
  bool any_question = false;
  std::unordered_set<std::string_view> their_numbers;
  for (std::size_t c : turn) {
    const Analysis& q = chat.analysis(c);
    for (std::size_t s = 0; s < q.sentences.size(); ++s) {
      if (!q.sentences[s].is_question) continue;
      any_question = true;
      sentence_topic(q, static_cast<int>(s), sentence);
      asked.insert(asked.end(), sentence.begin(), sentence.end());
    }
    for (const auto& t : q.tokens)
      if (has_digit(t.folded)) their_numbers.insert(t.folded);
  }
  if (!any_question) return false;
  std::sort(asked.begin(), asked.end());
  const Analysis& a = chat.analysis(reply);
  const auto sentence_has = [&](std::size_t s, MoveKind kind) {
    return std::any_of(a.moves.begin(), a.moves.end(), [&](const Move& m) {
      return m.kind == kind && a.clauses[static_cast<std::size_t>(m.clause)].sentence == static_cast<int>(s);
    });
  };
  for (std::size_t s = 0; s < a.sentences.size(); ++s) {
    const Sentence& st = a.sentences[s];
    if (st.is_question || st.token_count == 0 || sentence_has(s, MoveKind::hold)) continue;
    for (std::size_t k = st.first_token; k < st.first_token + st.token_count; ++k)
      if (has_digit(a.tokens[k].folded) && !their_numbers.count(a.tokens[k].folded)) return true;
    for (std::size_t k = st.first_token; k < st.first_token + std::min<std::size_t>(st.token_count, 2); ++k)
      if (t_particles && frame_word(*t_particles, a.tokens[k], a.word(k))) return true;
    if (sentence_has(s, MoveKind::next_step)) continue;
    sentence_topic(a, static_cast<int>(s), sentence);
    if (topics_meet(sentence, asked)) return true;
  }
  return false;
}

// The reply asks for a detail of the customer's case (an order or invoice number, a size,
// a model, a rubric slot's words): the clarifying question a problem statement calls for.
bool asks_case_detail(const Analysis& a) {
  for (const auto& m : a.markers)
    if (m.id == "clarifying.case_detail" && a.sentences[static_cast<std::size_t>(m.sentence)].is_question) return true;
  for (const auto& c : a.concepts)
    if (c.id.starts_with("case.") && a.clauses[static_cast<std::size_t>(c.clause)].question) return true;
  return false;
}

std::string sentence_key(const Analysis& a, const Sentence& s) {
  std::string key;
  for (std::size_t k = s.first_token; k < s.first_token + s.token_count; ++k) {
    key.append(a.tokens[k].folded);
    key.push_back(' ');
  }
  return key;
}

bool helps(const Message& m) {
  auto it = m.extra.find("helps");
  return it != m.extra.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

void sentence_topic(const Analysis& a, int sentence, std::vector<std::string_view>& out) {
  out.clear();
  if (sentence < 0 || static_cast<std::size_t>(sentence) >= a.sentences.size()) return;
  const Sentence& s = a.sentences[static_cast<std::size_t>(sentence)];
  topic_of(a, s.first_token, s.first_token + s.token_count, out);
}

bool topics_meet(const std::vector<std::string_view>& keys, const std::vector<std::string_view>& topic) {
  for (const auto& k : keys)
    if (std::binary_search(topic.begin(), topic.end(), k)) return true;
  return false;
}

bool ChatView::needs_answer(std::size_t c) const {
  if (is_closing(c)) return false;
  const auto& msgs = transcript.messages;
  for (std::size_t i = c + 1; i < msgs.size(); ++i) {
    if (msgs[i].is_customer_message() || msgs[i].is_trainee_message()) return true;
    if (msgs[i].from == "system" && msgs[i].kind == "ended") {
      auto it = msgs[i].extra.find("outcome");
      const bool scenario_ending = it != msgs[i].extra.end() && it->is_string() &&
                                   it->get_ref<const std::string&>() != "time_up" &&
                                   it->get_ref<const std::string&>() != "ended_by_trainee";
      return !scenario_ending;  // the customer's last line ended the scenario: nothing to answer
    }
  }
  return true;
}

namespace {
bool closing_turn(const ChatView& chat, const std::vector<std::size_t>& turn) {
  return std::all_of(turn.begin(), turn.end(), [&](std::size_t c) { return chat.is_closing(c); });
}
}  // namespace

void read_responses(ChatView& chat) {
  t_frame = &frame_words(chat.language);
  t_particles = &particle_words(chat.language);
  const auto& msgs = chat.transcript.messages;
  chat.topics.assign(msgs.size(), {});
  chat.trainee_at.assign(msgs.size(), -1);
  chat.responses.assign(chat.trainee.size(), Response{});
  for (std::size_t i = 0; i < msgs.size(); ++i)
    if (msgs[i].is_customer_message() || msgs[i].is_trainee_message())
      topic_of(chat.analyses[i], 0, chat.analyses[i].tokens.size(), chat.topics[i]);
  std::unordered_set<std::string> sent;  // sentences of earlier replies
  std::vector<std::size_t> turn;
  std::size_t next_customer = 0;
  for (std::size_t k = 0; k < chat.trainee.size(); ++k) {
    const std::size_t i = chat.trainee[k];
    chat.trainee_at[i] = static_cast<int>(k);
    // The turn: customer messages since the previous reply; none new = the same turn.
    std::vector<std::size_t> fresh;
    while (next_customer < chat.customer.size() && chat.customer[next_customer] < i) fresh.push_back(chat.customer[next_customer++]);
    if (!fresh.empty()) turn = std::move(fresh);
    Response& r = chat.responses[k];
    r.turn = turn;
    const Analysis& a = chat.analysis(i);
    r.reused.assign(a.sentences.size(), 0);
    std::size_t reused = 0;
    for (std::size_t s = 0; s < a.sentences.size(); ++s) {
      std::string key = sentence_key(a, a.sentences[s]);
      if (key.empty()) continue;
      if (!sent.insert(std::move(key)).second) r.reused[s] = 1, ++reused;
    }
    r.all_reused = !a.sentences.empty() && reused == a.sentences.size();
    if (turn.empty()) continue;  // speaking first: "first"
    std::unordered_set<std::string_view> keys;
    if (!closing_turn(chat, turn))
      for (std::size_t c : turn) keys.insert(chat.topics[c].begin(), chat.topics[c].end());
    const long shared = keys.empty() ? -1 : shared_token(a, keys);
    if (shared >= 0) r.shared = chat.valid_part(i, a.tokens[static_cast<std::size_t>(shared)].surface);
    bool by_concept = false;
    for (std::size_t c : turn) by_concept = by_concept || shares_concept(a, chat.analysis(c));
    r.answers_question = answers(chat, i, turn);
    if (shared >= 0) r.how = "topic";
    else if (by_concept) r.how = "concept";
    else if (r.answers_question) r.how = "answer";
    else if (helps(msgs[i])) r.how = "intent";
    else if (asks_case_detail(a)) r.how = "clarify";
    else if (a.has_move(MoveKind::hold) && !a.is_question) r.how = "hold";
    else if (a.has_move(MoveKind::checkin)) r.how = "checkin";  // asks after the customer, not their matter
    else if (keys.empty()) r.how = "no_topic";
    else r.how = "none", r.responsive = false;
  }
}

const Response* ChatView::response(std::size_t message) const {
  if (message >= trainee_at.size() || trainee_at[message] < 0) return nullptr;
  return &responses[static_cast<std::size_t>(trainee_at[message])];
}

bool ChatView::pays(std::size_t message, int sentence) const {
  const Response* r = response(message);
  if (!r) return false;
  // A bare hold ("tarkistan asian") is an answer to nothing yet: it keeps the customer
  // informed (engagement) but its courtesy is paid only when it names their matter.
  if (!r->responsive || std::string_view(r->how) == "hold") return false;
  if (sentence < 0) return !r->all_reused;
  return static_cast<std::size_t>(sentence) >= r->reused.size() || !r->reused[static_cast<std::size_t>(sentence)];
}

bool ChatView::fresh(std::size_t message, int sentence) const {
  const Response* r = response(message);
  if (!r) return false;
  if (sentence < 0) return !r->all_reused;
  return static_cast<std::size_t>(sentence) >= r->reused.size() || !r->reused[static_cast<std::size_t>(sentence)];
}

bool ChatView::same_topic(std::size_t a, std::size_t b) const {
  const auto& x = topics[a];
  const auto& y = topics[b];
  if (x.empty() || y.empty()) return false;
  std::size_t common = 0;
  for (const auto& key : x)
    if (std::binary_search(y.begin(), y.end(), key)) ++common;
  return common * 2 >= std::min(x.size(), y.size());
}

}  // namespace chatdrill::scoring::detail
