// Responsiveness: does a reply respond to the customer in front of it? A reply responds to
// the customer's latest turn when it shares a content word (lemma, compound part or stem)
// or a concept with it, answers its question, or is what the scenario's node expected
// (the session marks such replies "helps"). A hold ("hetkinen, tarkistan") responds by
// asking for time. A turn with nothing to respond to (a greeting alone) takes any reply.
// Sentences already sent in an earlier reply are repeats: what they do is paid once.
//
// [SECTION] topics     frame words and the words that say what a message is about
// [SECTION] turns      what a reply is read against: common ground, answers, case details
// [SECTION] repeats    sentences sent before and sentences echoed from the customer
// [SECTION] reading    read_responses: each reply's Response, and the questions left open
// [SECTION] queries    what graders ask of a ChatView (gist, pays, fresh, same topic)
#include "grade_internal.h"
#include "text/terms.h"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace chatdrill::scoring::detail {

// ---------------------------------------------------------------------------------------
// [SECTION] topics

namespace {

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool frame_word(const std::unordered_set<std::string>& frame, const Token& t, const WordInfo& w) {
  if (frame.count(std::string(t.folded))) return true;
  return std::any_of(w.lemmas.begin(), w.lemmas.end(), [&](const std::string& l) { return frame.count(l) > 0; });
}

bool frame_concept(std::string_view id) {
  return id == "courtesy.filler" || id == "topic.none" || id == "greeting" || id == "customer.confirm" ||
         id == "answer.particle";
}

}  // namespace

// Base forms of the single words of the concepts that only frame a message (greetings,
// courtesy fillers, confirmations, topic-less words): a concept hit is recorded once per
// clause, so coverage of every token is checked against these words instead.
std::unordered_set<std::string> concept_words(const ConceptSet& concepts, std::initializer_list<std::string_view> ids) {
  std::unordered_set<std::string> words;
  for (const Term& t : concepts.terms.terms()) {
    const std::string_view id = concepts.ids[static_cast<std::size_t>(t.owner)];
    if (t.words.size() != 1 || std::find(ids.begin(), ids.end(), id) == ids.end()) continue;
    words.insert(t.words[0].folded);
    for (const auto& lemma : t.words[0].lemmas) words.insert(lemma);
  }
  return words;
}

// One pass over the hits: a concept hit is a token range, a marker hit a byte range whose
// tokens are found by binary search (tokens are in text order).
void frame_cover(const Analysis& a, std::vector<char>& out) {
  out.assign(a.tokens.size(), 0);
  for (const auto& c : a.concepts)
    if (frame_concept(c.id))
      for (std::size_t k = c.first; k <= c.last && k < out.size(); ++k) out[k] = 1;
  for (const auto& m : a.markers) {
    if (!m.id.starts_with("courtesy.")) continue;
    auto it = std::lower_bound(a.tokens.begin(), a.tokens.end(), m.begin,
                               [](const Token& t, std::size_t begin) { return t.begin < begin; });
    for (; it != a.tokens.end() && it->end <= m.end; ++it) out[static_cast<std::size_t>(it - a.tokens.begin())] = 1;
  }
}

// Concepts that show what a message is about (not courtesy, not framing).
bool topical_concept(std::string_view id) {
  return !(id == "greeting" || id == "courtesy.filler" || id == "topic.none" || id == "open_door" || id == "checkin" ||
           id == "hold" || id == "hold.check" || id == "time.minute" || id == "time.second" ||
           id == "answer.particle" || id == "ownership" || id == "next_step" || id == "contact.verb" ||
           id == "contact.receive" || id.starts_with("customer."));
}

namespace {

// A word that says what the message is about. `cover`: frame_cover() of the analysis.
// `frame`: GraderLanguage::frame_words of the chat's language.
bool topical(const Analysis& a, std::size_t k, const std::vector<char>& cover,
             const std::unordered_set<std::string>& frame) {
  const Token& t = a.tokens[k];
  const WordInfo& w = a.word(k);
  if (has_digit(t.folded)) return t.folded.size() >= 3;  // order numbers, prices, sizes
  if (t.folded.size() < 3 || w.negation) return false;
  if (w.any(WordClass::pronoun) || w.any(WordClass::conjunction) || w.any(WordClass::interjection) ||
      w.any(WordClass::adposition) || w.has_lemma("olla") || w.has_lemma("be"))
    return false;
  if (frame_word(frame, t, w)) return false;
  return k >= cover.size() || !cover[k];
}

void topic_of(const Analysis& a, const std::vector<char>& cover, const std::unordered_set<std::string>& frame,
              std::size_t from, std::size_t to, std::vector<std::string_view>& out) {
  out.clear();
  for (std::size_t k = from; k < to && k < a.tokens.size(); ++k) {
    if (!topical(a, k, cover, frame)) continue;
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

// The first token of the reply whose topic key is in `keys`, or -1.
long shared_token(const Analysis& a, const std::vector<char>& cover, const std::unordered_set<std::string>& frame,
                  const std::unordered_set<std::string_view>& keys) {
  for (std::size_t k = 0; k < a.tokens.size(); ++k) {
    if (!topical(a, k, cover, frame)) continue;
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

// ---------------------------------------------------------------------------------------
// [SECTION] turns

// What the replies to one customer turn are read against, worked out once per turn.
struct TurnContext {
  std::unordered_set<std::string_view> keys;  // topic words (none for a closing turn)
  std::vector<std::string_view> asked;        // topic words of its questions, sorted
  std::unordered_set<std::string_view> numbers;
  std::unordered_set<std::string_view> concepts;  // topical concepts it holds
  bool question = false;

  void read(const ChatView& chat, const std::vector<std::size_t>& turn, bool closing) {
    *this = TurnContext{};
    std::vector<std::string_view> sentence;
    for (std::size_t c : turn) {
      const Analysis& q = chat.analysis(c);
      if (!closing) keys.insert(chat.topics[c].begin(), chat.topics[c].end());
      for (std::size_t s = 0; s < q.sentences.size(); ++s) {
        if (!q.sentences[s].is_question) continue;
        question = true;
        chat.sentence_topic(c, static_cast<int>(s), sentence);
        asked.insert(asked.end(), sentence.begin(), sentence.end());
      }
      for (const auto& t : q.tokens)
        if (has_digit(t.folded)) numbers.insert(t.folded);
      for (const auto& h : q.concepts)
        if (topical_concept(h.id)) concepts.insert(h.id);
    }
    std::sort(asked.begin(), asked.end());
  }
};

// After a hold, the reply that comes back to the customer's case: it shares a topic word
// or a topical concept with any of the customer's turns so far.
// A concept hit of the reply's own words (not negated, not in a sentence copied from the customer).
// A channel the reply sends the customer to is no common ground: "soittakaa
// asiakaspalveluun" does not take up "puhelin hajosi".
bool own_hit(const Analysis& a, const ConceptHit& h, const std::vector<char>& echoed) {
  if (h.negated) return false;
  if (h.id.starts_with("channel.") && std::any_of(a.moves.begin(), a.moves.end(), [&](const Move& m) {
        return m.kind == MoveKind::channel_bounce && m.clause == h.clause;
      }))
    return false;
  const auto s = static_cast<std::size_t>(a.clauses[static_cast<std::size_t>(h.clause)].sentence);
  return s >= echoed.size() || !echoed[s];
}

bool comes_back(const Analysis& a, const std::vector<char>& cover, const std::unordered_set<std::string>& frame,
                const std::vector<char>& echoed, const std::unordered_set<std::string_view>& keys,
                const std::unordered_set<std::string_view>& concepts) {
  if (shared_token(a, cover, frame, keys) >= 0) return true;
  return std::any_of(a.concepts.begin(), a.concepts.end(),
                     [&](const ConceptHit& h) { return own_hit(a, h, echoed) && concepts.count(h.id) > 0; });
}

bool shares_concept(const Analysis& reply, const std::vector<char>& echoed, const TurnContext& turn) {
  return std::any_of(reply.concepts.begin(), reply.concepts.end(),
                     [&](const ConceptHit& r) { return own_hit(reply, r, echoed) && turn.concepts.count(r.id) > 0; });
}

// The reply answers a question in the turn: a statement (not a counter-question, not a
// hold: "tarkistan asian" answers nothing yet) that starts like an answer (yes / no /
// unfortunately), gives a number the customer did not write, or — not being only a next
// step — shares a topic word with the customer's question.
bool answers(const ChatView& chat, std::size_t reply, const TurnContext& turn) {
  if (!turn.question) return false;
  const Analysis& a = chat.analysis(reply);
  // Per sentence: holds a hold (1) or a next step (2) move; one pass over the moves.
  std::vector<char> moves(a.sentences.size(), 0);
  for (const auto& m : a.moves) {
    const auto s = static_cast<std::size_t>(a.clauses[static_cast<std::size_t>(m.clause)].sentence);
    if (s < moves.size()) moves[s] |= m.kind == MoveKind::hold ? 1 : m.kind == MoveKind::next_step ? 2 : 0;
  }
  std::vector<std::string_view> sentence;
  for (std::size_t s = 0; s < a.sentences.size(); ++s) {
    const Sentence& st = a.sentences[s];
    if (st.is_question || st.token_count == 0 || (moves[s] & 1)) continue;
    for (std::size_t k = st.first_token; k < st.first_token + st.token_count; ++k)
      if (has_digit(a.tokens[k].folded) && !turn.numbers.count(a.tokens[k].folded)) return true;
    for (std::size_t k = st.first_token; k < st.first_token + std::min<std::size_t>(st.token_count, 2); ++k)
      if (frame_word(chat.lang->particle_words, a.tokens[k], a.word(k))) return true;
    if (moves[s] & 2) continue;
    chat.sentence_topic(reply, static_cast<int>(s), sentence);
    if (topics_meet(sentence, turn.asked)) return true;
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

// ---------------------------------------------------------------------------------------
// [SECTION] repeats

std::string sentence_key(const Analysis& a, const Sentence& s) {
  std::string key;
  for (std::size_t k = s.first_token; k < s.first_token + s.token_count; ++k) {
    key.append(a.tokens[k].folded);
    key.push_back(' ');
  }
  return key;
}

// Echoes: a run of k_echo_run words (folded) that a customer message already had.
constexpr std::size_t k_echo_run = 5;

std::uint64_t gram_hash(const Analysis& a, std::size_t from) {
  std::uint64_t h = 1469598103934665603ull;
  for (std::size_t k = from; k < from + k_echo_run; ++k) {
    h ^= std::hash<std::string_view>{}(a.tokens[k].folded);
    h *= 1099511628211ull;
  }
  return h;
}

void add_grams(const Analysis& a, std::unordered_set<std::uint64_t>& grams) {
  for (std::size_t k = 0; k + k_echo_run <= a.tokens.size(); ++k) grams.insert(gram_hash(a, k));
}

// Marks the sentences of a reply that mostly copy the customer's words (60% of their words
// in copied runs), and covers their words so they are no topic. Returns the count.
std::size_t mark_echoes(const Analysis& a, const std::unordered_set<std::uint64_t>& grams, std::vector<char>& cover,
                        std::vector<char>& echoed) {
  echoed.assign(a.sentences.size(), 0);
  if (grams.empty() || a.tokens.size() < k_echo_run) return 0;
  std::vector<char> copied(a.tokens.size(), 0);
  bool any = false;
  for (std::size_t k = 0; k + k_echo_run <= a.tokens.size(); ++k)
    if (grams.count(gram_hash(a, k))) {
      std::fill(copied.begin() + static_cast<std::ptrdiff_t>(k),
                copied.begin() + static_cast<std::ptrdiff_t>(k + k_echo_run), 1);
      any = true;
    }
  if (!any) return 0;
  std::size_t n = 0;
  for (std::size_t s = 0; s < a.sentences.size(); ++s) {
    const Sentence& st = a.sentences[s];
    std::size_t c = 0;
    for (std::size_t k = st.first_token; k < st.first_token + st.token_count; ++k) c += copied[k];
    if (st.token_count == 0 || c * 10 < st.token_count * 6) continue;
    echoed[s] = 1, ++n;
    for (std::size_t k = st.first_token; k < st.first_token + st.token_count; ++k) cover[k] = 1;
  }
  return n;
}

bool helps(const Message& m) {
  auto it = m.extra.find("helps");
  return it != m.extra.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] reading

void ChatView::sentence_topic(std::size_t message, int sentence, std::vector<std::string_view>& out) const {
  out.clear();
  const Analysis& a = analyses[message];
  if (sentence < 0 || static_cast<std::size_t>(sentence) >= a.sentences.size()) return;
  const Sentence& s = a.sentences[static_cast<std::size_t>(sentence)];
  topic_of(a, covers[message], lang->frame_words, s.first_token, s.first_token + s.token_count, out);
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
    if (msgs[i].from == sender::system && msgs[i].kind == kind::ended) {
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

// The customer questions that no reply to their turn answered or took up.
std::vector<std::size_t> unanswered_questions(const ChatView& chat) {
  std::vector<std::size_t> open;
  for (std::size_t k = 0; k < chat.trainee.size(); ++k) {
    const Response& r = chat.responses[k];
    if (r.turn.empty() || (k > 0 && chat.responses[k - 1].turn == r.turn)) continue;  // each turn once
    std::optional<std::size_t> question;
    for (std::size_t c : r.turn)
      if (chat.analysis(c).is_question && !question) question = c;
    if (!question) continue;
    bool taken_up = false;
    for (std::size_t n = k; n < chat.trainee.size() && chat.responses[n].turn == r.turn; ++n) {
      const std::string_view how = chat.responses[n].how;
      taken_up = taken_up || how == "topic" || how == "concept" || how == "answer" || how == "intent";
    }
    if (!taken_up) open.push_back(*question);
  }
  return open;
}
}  // namespace

void read_responses(ChatView& chat) {
  const auto& msgs = chat.transcript.messages;
  chat.topics.assign(msgs.size(), {});
  chat.trainee_at.assign(msgs.size(), -1);
  chat.responses.assign(chat.trainee.size(), Response{});
  chat.covers.assign(msgs.size(), {});
  for (std::size_t i = 0; i < msgs.size(); ++i) {
    if (!msgs[i].is_customer_message() && !msgs[i].is_trainee_message()) continue;
    frame_cover(chat.analyses[i], chat.covers[i]);
    topic_of(chat.analyses[i], chat.covers[i], chat.lang->frame_words, 0, chat.analyses[i].tokens.size(),
             chat.topics[i]);
  }
  TurnContext context;
  // The customer's case so far (topic words and topical concepts of every earlier turn):
  // what the answer after "hetkinen, tarkistan" is read against, since it comes back to
  // the matter, not to the order number the customer gave last.
  std::unordered_set<std::string_view> case_keys, case_concepts;
  bool held = false;                        // the previous reply, in this same turn, was a hold
  std::unordered_set<std::uint64_t> grams;  // word runs of the customer's messages so far
  std::unordered_set<std::string> sent;     // sentences of earlier replies
  std::vector<std::size_t> turn;
  std::size_t next_customer = 0;
  for (std::size_t k = 0; k < chat.trainee.size(); ++k) {
    const std::size_t i = chat.trainee[k];
    chat.trainee_at[i] = static_cast<int>(k);
    // The turn: customer messages since the previous reply; none new = the same turn.
    std::vector<std::size_t> fresh;
    while (next_customer < chat.customer.size() && chat.customer[next_customer] < i) {
      add_grams(chat.analysis(chat.customer[next_customer]), grams);
      fresh.push_back(chat.customer[next_customer++]);
    }
    if (!fresh.empty()) {
      turn = std::move(fresh);
      context.read(chat, turn, closing_turn(chat, turn));
      case_keys.insert(context.keys.begin(), context.keys.end());
      case_concepts.insert(context.concepts.begin(), context.concepts.end());
      held = false;
    }
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
    if (mark_echoes(a, grams, chat.covers[i], r.echoed) > 0) {
      topic_of(a, chat.covers[i], chat.lang->frame_words, 0, a.tokens.size(), chat.topics[i]);
      for (std::size_t s = 0; s < r.echoed.size() && r.echo.empty(); ++s)
        if (r.echoed[s]) r.echo = chat.sentence_text(i, static_cast<int>(s));
    }
    if (turn.empty()) continue;  // speaking first: "first"
    const long shared =
        context.keys.empty() ? -1 : shared_token(a, chat.covers[i], chat.lang->frame_words, context.keys);
    if (shared >= 0) r.shared = chat.valid_part(i, a.tokens[static_cast<std::size_t>(shared)].surface);
    const bool by_concept = shares_concept(a, r.echoed, context);
    r.answers_question = answers(chat, i, context);
    if (shared >= 0) r.how = "topic";
    else if (by_concept) r.how = "concept";
    else if (r.answers_question) r.how = "answer";
    else if (helps(msgs[i])) r.how = "intent";
    else if (asks_case_detail(a)) r.how = "clarify";
    else if (a.has_move(MoveKind::hold) && !a.is_question) r.how = "hold";
    else if (a.has_move(MoveKind::checkin)) r.how = "checkin";  // asks after the customer, not their matter
    else if (context.keys.empty()) r.how = "no_topic";
    else if ((held || !context.question) &&
             comes_back(a, chat.covers[i], chat.lang->frame_words, r.echoed, case_keys, case_concepts))
      r.how = "resumed";  // after a hold, or after the customer answered: back to the case
    else r.how = "none", r.responsive = false;
    held = std::string_view(r.how) == "hold" || (held && std::string_view(r.how) == "checkin");
  }
  chat.open_questions = unanswered_questions(chat);
}

// ---------------------------------------------------------------------------------------
// [SECTION] queries

// The customer message's first question (else its first sentence), shortened, for notes.
std::string_view customer_gist(const ChatView& chat, std::size_t c) {
  const auto& sentences = chat.analysis(c).sentences;
  int pick = 0;
  for (std::size_t k = 0; k < sentences.size(); ++k)
    if (sentences[k].is_question) {
      pick = static_cast<int>(k);
      break;
    }
  std::string_view s = chat.sentence_text(c, pick);
  if (s.size() <= 80) return s;
  std::size_t cut = 77;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
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
  return fresh(message, sentence);
}

// Not sent before and not the customer's own words echoed back.
bool ChatView::fresh(std::size_t message, int sentence) const {
  const Response* r = response(message);
  if (!r) return false;
  if (sentence < 0) {
    if (r->all_reused) return false;
    for (std::size_t s = 0; s < r->reused.size(); ++s)
      if (!r->reused[s] && !(s < r->echoed.size() && r->echoed[s])) return true;
    return r->reused.empty();
  }
  const auto s = static_cast<std::size_t>(sentence);
  if (s < r->echoed.size() && r->echoed[s]) return false;
  return s >= r->reused.size() || !r->reused[s];
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
