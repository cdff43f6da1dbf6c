// What the four graders share: one analysis of the chat (every message analysed once,
// who answers whom) and a tally that turns rules into evidence whose points sum to the
// score. Internal to scoring/; no UI, no engine, no clock.
#pragma once

#include "core/timestamp.h"
#include "grade.h"
#include "grade_notes.h"
#include "politeness.h"
#include "text.h"
#include "text/spelling.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <filesystem>
#include <forward_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace chatdrill::scoring::detail {

// What a Grader holds for one language, all read from its data folder: the analyser (its
// lexicon, concepts and word forms), the politeness model, the writing checker and the
// notes. The analyser and the checker cache per word, so a Grader is used by one thread.
struct GraderLanguage {
  // Throws std::runtime_error naming the file when one is missing or broken.
  GraderLanguage(Language language, const std::filesystem::path& data_root);
  Language language;
  // Read in this order (members are initialised in declaration order), so a broken
  // lexicon is the error reported even when later files are missing too.
  std::shared_ptr<const Morphology> morphology;
  std::shared_ptr<const Lexicon> lexicon;
  std::shared_ptr<const ConceptSet> concepts;
  TextAnalyzer analyzer;
  std::shared_ptr<const PolitenessModel> politeness;
  WritingChecker writing;
  Notes notes;
  // Single words of the concepts that only frame a message (greetings, fillers, topic-less
  // words), and the words an answer to a yes/no question starts with (answer.particle).
  std::unordered_set<std::string> frame_words, particle_words;
};

// What a ChatView borrows from its Grader: its per-message vectors, kept with their capacity.
struct ViewBuffers {
  std::vector<Analysis> analyses;
  std::vector<std::optional<std::size_t>> answers;
  std::vector<std::size_t> trainee, customer;
};

// The base forms of the single-word terms of the concepts `ids` (grade_response.cpp).
std::unordered_set<std::string> concept_words(const ConceptSet& concepts, std::initializer_list<std::string_view> ids);

// How one trainee reply relates to the customer: the customer turn it answers, whether it
// responds to it (Responsiveness in GRADING.md) and which of its sentences were already
// sent in an earlier reply (a template is paid once).
// Concepts that show what a message is about (subject areas, channels, case details), not
// courtesy, framing or the customer's reactions.
bool topical_concept(std::string_view id);

struct ChatView;
// The customer message's first question (else its first sentence), shortened, for notes.
std::string_view customer_gist(const ChatView& chat, std::size_t c);

struct Response {
  std::vector<std::size_t> turn;  // the customer's latest messages before the reply (their turn)
  bool responsive = true;
  // How it responds: "topic" (shares a content word), "concept", "answer" (answers the
  // turn's question), "intent" (the scenario's node expected it), "hold", "no_topic"
  // (the turn had nothing to respond to), "resumed" (after its own hold, it comes back to
  // the customer's case), "first" (no customer message yet); or, when
  // not responsive, "none".
  const char* how = "first";
  std::string_view shared;        // the reply's word that shows it (surface, valid UTF-8), if any
  bool answers_question = false;  // the turn asked something and this reply answers it
  std::vector<char> reused;       // per sentence: the same sentence was in an earlier reply
  bool all_reused = false;        // every sentence of the reply was sent before
  // Per sentence: mostly the customer's own words copied back (runs of five or more words
  // from their messages make most of it). An echo is no topic and earns nothing.
  std::vector<char> echoed;
  std::string_view echo;  // the first echoed sentence, for the note
};

struct ChatView {
  // The per-message vectors (and the analyses' buffers) are borrowed from the Grader's
  // pool and given back on destruction, so grading a stream of chats does not allocate
  // them again per message.
  ChatView(const Transcript& t, GraderLanguage& lang, ViewBuffers& pool);
  ChatView(ChatView&&) = default;
  ~ChatView();
  const Transcript& transcript;
  GraderLanguage* lang;  // the chat's language data (never null)
  ViewBuffers* pool;
  Language language = Language::fi;
  std::vector<Analysis> analyses;  // per message; empty for events graders ignore
  // Per trainee message: the first customer message it answers (the earliest one not yet
  // answered when it was sent); none for follow-ups and for speaking first.
  std::vector<std::optional<std::size_t>> answers;
  std::vector<std::size_t> trainee, customer;  // message indexes in order
  double end_time = 0;                         // time of the last message or event
  std::vector<Slot> slots;                     // the rubric's slots, folded; stems also in stemmed form
  // Per message: the words that say what it is about (lemmas, compound parts and stems
  // of its content words; courtesy, filler and topic-less words left out). Customer and
  // trainee messages only.
  std::vector<std::vector<std::string_view>> topics;
  std::vector<Response> responses;        // per trainee message, in `trainee` order
  std::vector<int> trainee_at;            // per message: its index in `trainee`, or -1
  std::vector<std::vector<char>> covers;  // per message: frame_cover() of its analysis
  // The customer questions (message indexes) that no reply to their turn answered or took
  // up (read_responses; engagement and resolution both cite them).
  std::vector<std::size_t> open_questions;

  // The reply's Response, or none for a message that is not the trainee's.
  const Response* response(std::size_t message) const;
  // Whether what sentence `sentence` of trainee message `message` does (courtesy, a
  // question, a next step) earns points: the reply responds to the customer and the
  // sentence is not a repeat of an earlier reply's. sentence -1: the reply as a whole.
  bool pays(std::size_t message, int sentence = -1) const;
  // The sentence (-1: the reply) was not sent before, whatever the reply responds to.
  bool fresh(std::size_t message, int sentence = -1) const;
  // Two messages share enough topic words to be about the same thing (a repeated question).
  bool same_topic(std::size_t a, std::size_t b) const;
  // The topic words (as `topics`) of one sentence of a message, sorted, unique.
  void sentence_topic(std::size_t message, int sentence, std::vector<std::string_view>& out) const;
  // A customer message that wants an answer: not a closing line (thanks, bye) and not the
  // line a scenario ended the chat with.
  bool needs_answer(std::size_t customer_message) const;

  const Message& message(std::size_t i) const { return transcript.messages[i]; }
  const Analysis& analysis(std::size_t i) const { return analyses[i]; }
  bool fi() const { return language == Language::fi; }
  // An evidence note in the chat's language (grade_notes.h), its placeholders filled.
  template <typename... Args>
  std::string note(NoteKey key, const Args&... args) const {
    return lang->notes.format(key, args...);
  }
  // The text a marker hit covers, for quoting in notes (always valid UTF-8).
  std::string_view quote(std::size_t message, const MarkerHit& hit) const;
  // A customer message that only thanks or says goodbye: it needs no answer.
  bool is_closing(std::size_t message) const;
  // The text of a sentence of a message (always valid UTF-8).
  std::string_view sentence_text(std::size_t message, int sentence) const;
  // `part` of a message's text as valid UTF-8: itself, or a repaired copy kept here.
  std::string_view valid_part(std::size_t message, std::string_view part) const;
  mutable std::forward_list<std::string> repaired;  // quotes of invalid messages, made valid
};

// Analyses every customer and trainee message once, with the grader's analyser of the language.
ChatView view_chat(const Transcript& transcript, const Rubric& rubric, Grader& grader);
// Fills topics, responses and trainee_at of a view whose analyses are done (grade_response.cpp).
void read_responses(ChatView& chat);
// Per token of `a`: covered by a courtesy marker or a framing concept (greeting, filler,
// topic-less words), so not a topic word. One pass over the hits.
void frame_cover(const Analysis& a, std::vector<char>& out);
// Whether any of `keys` (sorted) is a topic word of `topic` (sorted).
bool topics_meet(const std::vector<std::string_view>& keys, const std::vector<std::string_view>& topic);

// Evidence gathered for one dimension; points are rounded to 0.1 as they are added, and
// finish() adds a clamp item so the score is exactly the sum of all points. Notes must be
// valid UTF-8: outside text gets in only through ChatView's quotes, sentences and slots.
class Tally {
 public:
  // `dimension` is one of k_dimensions. Rules are string literals (const char*, so a
  // temporary std::string cannot slip in): Evidence::rule views them.
  Tally(std::string_view dimension, double base, std::string base_note);
  void add(std::optional<std::size_t> message, const char* rule, double points, std::string note);
  DimensionGrade finish(const ChatView& chat);  // the clamp's note in the chat's language

 private:
  const char* base_rule_ = nullptr;
  const char* clamp_rule_ = nullptr;
  long long tenths_ = 0;
  std::vector<Evidence> evidence_;
};

double round_tenth(double x);

}  // namespace chatdrill::scoring::detail

namespace chatdrill::scoring {
// A Grader's insides: its data folder, each language's data once used, the view pool.
struct Grader::Impl {
  std::filesystem::path data_root;
  std::unique_ptr<detail::GraderLanguage> fi, en;
  detail::ViewBuffers pool;
  detail::GraderLanguage& language(Language language);  // loads it on first use
};
}  // namespace chatdrill::scoring

namespace chatdrill::scoring::detail {

// An evidence note: fmt formatting into a stack buffer, then one string of the exact size
// (fmt::format's compiled form grows the string as it writes). Use with FMT_COMPILE.
template <typename Format, typename... Args>
std::string note(const Format& format, const Args&... args) {
  fmt::memory_buffer buffer;
  fmt::format_to(fmt::appender(buffer), format, args...);
  return std::string(buffer.data(), buffer.size());
}

// Seconds in a note, printed as "{:.0f}" prints them; whole numbers (chat times nearly
// always are) take a fast path that gives the same text.
struct Whole {
  double value;
};
inline Whole whole(double value) { return {value}; }
// A length of time in a note with its unit: "45 s" as always below ten minutes, then
// "12 min", "3 h 20 min", "2 d 5 h" (scoring/core/timestamp.h), so email waits read in hours.
struct Duration {
  double seconds;
  bool fi;
};
inline Duration duration(double seconds, bool fi) { return {seconds, fi}; }

DimensionGrade speed_grade(const ChatView& chat, const Rubric& rubric);
DimensionGrade politeness_grade(const ChatView& chat, const Rubric& rubric);
DimensionGrade clarifying_grade(const ChatView& chat, const Rubric& rubric);
DimensionGrade engagement_grade(const ChatView& chat, const Rubric& rubric);
DimensionGrade resolution_grade(const ChatView& chat, const Rubric& rubric);
DimensionGrade writing_grade(const ChatView& chat, const Rubric& rubric);

}  // namespace chatdrill::scoring::detail

template <>
struct fmt::formatter<chatdrill::scoring::detail::Whole> {
  constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
  template <typename Context>
  auto format(chatdrill::scoring::detail::Whole w, Context& ctx) const {
    const double v = w.value;
    if (v == std::floor(v) && std::fabs(v) < 1e15 && !(v == 0 && std::signbit(v)))
      return fmt::format_to(ctx.out(), "{}", static_cast<long long>(v));
    return fmt::format_to(ctx.out(), "{:.0f}", v);
  }
};

template <>
struct fmt::formatter<chatdrill::scoring::detail::Duration> {
  constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
  template <typename Context>
  auto format(chatdrill::scoring::detail::Duration d, Context& ctx) const {
    if (d.seconds < 600) return fmt::format_to(ctx.out(), "{} s", chatdrill::scoring::detail::whole(d.seconds));
    const std::string text = chatdrill::scoring::duration_text(d.seconds, d.fi);
    return std::copy(text.begin(), text.end(), ctx.out());
  }
};
