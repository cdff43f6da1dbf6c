// Grades: analyse the chat once, run the six graders, weigh them into the overall score,
// and write `chatdrill.grade/2`. Pure functions of (transcript, rubric) given a Grader's
// data; no clock, no UI, no environment.
#include "grade_internal.h"
#include "text/terms.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace chatdrill::scoring {

namespace detail {

namespace {
std::string language_file(const std::filesystem::path& root, const char* relative, Language language) {
  return (root / fmt::format(fmt::runtime(relative), language_code(language))).string();
}
}  // namespace

GraderLanguage::GraderLanguage(Language l, const std::filesystem::path& root)
    : language(l),
      morphology(std::make_shared<const Morphology>(l, language_file(root, "scoring/lexicons/{}-wordforms.json", l))),
      lexicon(load_lexicon_file(l, language_file(root, "scoring/lexicons/{}.json", l), morphology)),
      concepts(load_concepts_file(l, language_file(root, "scenarios/concepts/{}.json", l), morphology)),
      analyzer(l, lexicon, concepts, morphology),
      politeness(load_politeness_file(l, language_file(root, "scoring/lexicons/{}-politeness.json", l), morphology)),
      writing(l, WritingCacheLimits{}, morphology),
      notes(Notes::load_file(l, language_file(root, "scoring/lexicons/{}-notes.json", l))),
      frame_words(concept_words(analyzer.concepts(),
                                {"topic.none", "courtesy.filler", "greeting", "customer.confirm", "answer.particle"})),
      particle_words(concept_words(analyzer.concepts(), {"answer.particle"})) {}

namespace {
void swap_buffers(ChatView& chat, ViewBuffers& pool) {
  chat.analyses.swap(pool.analyses);
  chat.answers.swap(pool.answers);
  chat.trainee.swap(pool.trainee);
  chat.customer.swap(pool.customer);
}
}  // namespace

ChatView::ChatView(const Transcript& t, GraderLanguage& l, ViewBuffers& buffers)
    : transcript(t), lang(&l), pool(&buffers) {
  language = l.language;
  swap_buffers(*this, *pool);
  answers.clear();
  trainee.clear();
  customer.clear();
}

ChatView::~ChatView() {
  if (analyses.capacity() < pool->analyses.capacity()) return;  // moved from, or a nested view
  for (std::size_t i = 0; i < analyses.size(); ++i)  // what a huge message grew is not kept for the grader's life
    if (analyses[i].tokens.capacity() > 4096 ||
        (i < transcript.messages.size() && transcript.messages[i].text.size() > 65536))
      analyses[i] = Analysis{};
  swap_buffers(*this, *pool);
}

double round_tenth(double x) { return static_cast<double>(std::llround(x * 10.0)) / 10.0; }

// Quotes are the only outside text in notes: cut from a message that is not valid UTF-8,
// they are repaired into `repaired` (a list: views stay valid), so every note is valid.
std::string_view ChatView::valid_part(std::size_t message, std::string_view part) const {
  if (analyses[message].valid_utf8) return part;  // events are never quoted
  return repaired.emplace_front(sanitize_utf8(part));
}

std::string_view ChatView::quote(std::size_t message, const MarkerHit& hit) const {
  const std::string_view text = transcript.messages[message].text;
  if (hit.end > text.size() || hit.begin >= hit.end) return {};
  return valid_part(message, text.substr(hit.begin, hit.end - hit.begin));
}

bool ChatView::is_closing(std::size_t message) const {
  const Analysis& a = analyses[message];
  return (a.has("courtesy.gratitude") || a.has("courtesy.farewell")) && !a.is_question && a.count("negative.") == 0;
}

std::string_view ChatView::sentence_text(std::size_t message, int sentence) const {
  const auto& sentences = analyses[message].sentences;
  if (sentence < 0 || static_cast<std::size_t>(sentence) >= sentences.size()) return {};
  const auto& s = sentences[static_cast<std::size_t>(sentence)];
  std::string_view out = std::string_view(transcript.messages[message].text).substr(s.begin, s.end - s.begin);
  while (!out.empty() && (out.front() == ' ' || out.front() == '\n')) out.remove_prefix(1);
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.remove_suffix(1);
  return valid_part(message, out);
}

namespace {

std::string customer_name(const Transcript& t, const Rubric& rubric) {
  if (!rubric.customer_name.empty()) return rubric.customer_name;
  if (auto it = t.extra.find("customer_name"); it != t.extra.end() && it->is_string()) return it->get<std::string>();
  return {};
}

}  // namespace

// The grader's analyser of the language: building one opens a stemmer, and its stem cache
// pays off across messages. Its state never changes a result.
ChatView view_chat(const Transcript& transcript, const Rubric& rubric, Grader& grader) {
  Grader::Impl& g = grader.impl();
  ChatView chat{transcript, g.language(parse_language(transcript.language).value_or(Language::en)), g.pool};
  TextAnalyzer& analyzer = chat.lang->analyzer;
  analyzer.set_customer_name(customer_name(transcript, rubric));
  for (const Slot& slot : rubric.slots) {
    Slot folded{sanitize_utf8(slot.id), sanitize_utf8(slot.label), {}, {}, {}};  // quoted in notes
    for (const auto& k : slot.keywords) folded.keywords.push_back(analyzer.fold(k));
    for (const auto& p : slot.prefixes) folded.prefixes.push_back(analyzer.fold(p));
    for (const auto& s : slot.stems) {
      folded.stems.push_back(analyzer.fold(s));
      folded.stems.push_back(analyzer.stem(folded.stems.back()));
    }
    chat.slots.push_back(std::move(folded));
  }
  chat.analyses.resize(transcript.messages.size());
  chat.customer.reserve(transcript.messages.size());
  chat.trainee.reserve(transcript.messages.size());
  chat.answers.reserve(transcript.messages.size());
  std::optional<std::size_t> waiting;  // first customer message not yet answered
  for (std::size_t i = 0; i < transcript.messages.size(); ++i) {
    const Message& m = transcript.messages[i];
    chat.end_time = std::max(chat.end_time, m.at);
    if (m.is_customer_message()) {
      analyzer.analyze(m.text, chat.analyses[i]);
      chat.customer.push_back(i);
      if (!waiting) waiting = i;
    } else if (m.is_trainee_message()) {
      analyzer.analyze(m.text, chat.analyses[i]);
      chat.trainee.push_back(i);
      chat.answers.push_back(waiting);
      waiting.reset();
    } else {
      chat.analyses[i].clear();
    }
  }
  analyzer.set_customer_name("");
  read_responses(chat);
  return chat;
}

namespace {
struct DimensionRules {
  std::string_view dimension;
  const char* base;
  const char* clamp;
};
constexpr DimensionRules k_dimension_rules[] = {{"speed", "speed.base", "speed.clamp"},
                                                {"politeness", "politeness.base", "politeness.clamp"},
                                                {"clarifying", "clarifying.base", "clarifying.clamp"},
                                                {"engagement", "engagement.base", "engagement.clamp"},
                                                {"resolution", "resolution.base", "resolution.clamp"},
                                                {"writing", "writing.base", "writing.clamp"}};
}  // namespace

Tally::Tally(std::string_view dimension, double base, std::string base_note) {
  for (const auto& d : k_dimension_rules)
    if (d.dimension == dimension) base_rule_ = d.base, clamp_rule_ = d.clamp;
  if (!base_rule_) throw std::logic_error(fmt::format("no grade dimension \"{}\"", dimension));
  evidence_.reserve(12);  // most dimensions of a chat fit
  add(std::nullopt, base_rule_, base, std::move(base_note));
}

void Tally::add(std::optional<std::size_t> message, const char* rule, double points, std::string note) {
  const long long tenths = std::llround(points * 10.0);
  tenths_ += tenths;
  evidence_.push_back(Evidence{message, rule, static_cast<double>(tenths) / 10.0, std::move(note)});
}

DimensionGrade Tally::finish(const ChatView& chat) {
  if (tenths_ > 1000) {
    add(std::nullopt, clamp_rule_, static_cast<double>(1000 - tenths_) / 10.0, chat.note("grade.capped"));
  } else if (tenths_ < 0) {
    add(std::nullopt, clamp_rule_, static_cast<double>(-tenths_) / 10.0, chat.note("grade.floored"));
  }
  DimensionGrade g;
  g.score = static_cast<double>(tenths_) / 10.0;
  g.evidence = std::move(evidence_);
  return g;
}

}  // namespace detail

std::optional<std::size_t> dimension_index(std::string_view name) {
  for (std::size_t k = 0; k < k_dimensions.size(); ++k)
    if (name == k_dimensions[k]) return k;
  return std::nullopt;
}

const DimensionGrade& Grade::dimension(std::string_view name) const {
  if (auto k = dimension_index(name)) return dimensions[*k];
  throw std::out_of_range(fmt::format("no grade dimension \"{}\"", name));
}

// Dimensions that are not graded (switched off, or absent from an old saved grade) weigh
// nothing; all weights zero means equal weights over the graded ones.
double overall_score(const std::array<DimensionGrade, k_dimension_count>& dimensions, const Rubric& rubric) {
  double weight_sum = 0, sum = 0, plain_sum = 0;
  std::size_t graded = 0;
  for (std::size_t k = 0; k < dimensions.size(); ++k) {
    if (!dimensions[k].graded) continue;
    ++graded;
    plain_sum += dimensions[k].score;
    const double w = std::isfinite(rubric.weights[k]) && rubric.weights[k] > 0 ? rubric.weights[k] : 0;
    weight_sum += w;
    sum += w * dimensions[k].score;
  }
  if (graded == 0) return 0;
  if (weight_sum <= 0) return detail::round_tenth(plain_sum / static_cast<double>(graded));
  return detail::round_tenth(sum / weight_sum);
}

detail::GraderLanguage& Grader::Impl::language(Language l) {
  std::unique_ptr<detail::GraderLanguage>& slot = l == Language::fi ? fi : en;
  if (!slot) slot = std::make_unique<detail::GraderLanguage>(l, data_root);
  return *slot;
}

Grader::Grader(std::filesystem::path data_root) : impl_(std::make_unique<Impl>()) {
  impl_->data_root = std::move(data_root);
}
Grader::~Grader() = default;
Grader::Grader(Grader&&) noexcept = default;
Grader& Grader::operator=(Grader&&) noexcept = default;

const std::filesystem::path& Grader::data_root() const { return impl_->data_root; }

void Grader::load(std::string_view language_code) {
  impl_->language(parse_language(language_code).value_or(Language::en));
}

Grade Grader::grade(const Transcript& transcript, const Rubric& rubric) {
  return grade_transcript(transcript, rubric, *this);
}

Grade grade_transcript(const Transcript& transcript, const Rubric& rubric, Grader& grader) {
  const detail::ChatView chat = detail::view_chat(transcript, rubric, grader);
  Grade g;
  g.dimensions[0] = detail::speed_grade(chat, rubric);
  g.dimensions[1] = detail::politeness_grade(chat, rubric);
  g.dimensions[2] = detail::clarifying_grade(chat, rubric);
  g.dimensions[3] = detail::engagement_grade(chat, rubric);
  g.dimensions[4] = detail::resolution_grade(chat, rubric);
  g.dimensions[5] = detail::writing_grade(chat, rubric);
  g.overall = overall_score(g.dimensions, rubric);
  return g;
}

DimensionGrade grade_speed(const Transcript& t, const Rubric& r, Grader& g) {
  return detail::speed_grade(detail::view_chat(t, r, g), r);
}
DimensionGrade grade_politeness(const Transcript& t, const Rubric& r, Grader& g) {
  return detail::politeness_grade(detail::view_chat(t, r, g), r);
}
DimensionGrade grade_clarifying(const Transcript& t, const Rubric& r, Grader& g) {
  return detail::clarifying_grade(detail::view_chat(t, r, g), r);
}
DimensionGrade grade_engagement(const Transcript& t, const Rubric& r, Grader& g) {
  return detail::engagement_grade(detail::view_chat(t, r, g), r);
}
DimensionGrade grade_resolution(const Transcript& t, const Rubric& r, Grader& g) {
  return detail::resolution_grade(detail::view_chat(t, r, g), r);
}
DimensionGrade grade_writing(const Transcript& t, const Rubric& r, Grader& g) {
  return detail::writing_grade(detail::view_chat(t, r, g), r);
}

Json grade_to_json(const Grade& grade) {
  Json j = Json::object();
  j["format"] = k_grade_format;
  j["overall"] = grade.overall;
  Json dims = Json::object();
  for (std::size_t k = 0; k < k_dimensions.size(); ++k) {
    const auto& d = grade.dimensions[k];
    Json evidence = Json::array();
    for (const auto& e : d.evidence) {
      Json item = Json::object();
      item["message"] = e.message ? Json(*e.message) : Json(nullptr);
      item["rule"] = e.rule;
      item["points"] = e.points;
      item["note"] = e.note;
      evidence.push_back(std::move(item));
    }
    dims[k_dimensions[k]] = Json{{"score", d.score}, {"graded", d.graded}, {"evidence", std::move(evidence)}};
  }
  j["dimensions"] = std::move(dims);
  return j;
}

}  // namespace chatdrill::scoring
