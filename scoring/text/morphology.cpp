// Word readings from libvoikko (Finnish) and the word-form tables (both languages); see
// morphology.h. Voikko's handle is not thread-safe: one per process, used under a lock.
//
// [SECTION] tables     the word-form file: colloquial / irregular forms, closed classes
// [SECTION] voikko     one Voikko analysis -> a Reading (compound parts from STRUCTURE)
// [SECTION] analyze    a word's readings, lemmas and flags
#include "morphology.h"

#include <fmt/format.h>
#include <hunspell/hunspell.h>
#include <libstemmer.h>
#include <libvoikko/voikko.h>

#include <filesystem>

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "scoring/core/json_doc.h"
#include "scoring/core/paths.h"
#include "scoring/text.h"
#include "scoring/text_internal.h"

namespace chatdrill::scoring {

inline constexpr const char* k_wordforms_format = "chatdrill.wordforms/1";

bool WordInfo::has_lemma(std::string_view lemma) const {
  return std::find(lemmas.begin(), lemmas.end(), lemma) != lemmas.end();
}
bool WordInfo::any(WordClass c) const {
  return std::any_of(readings.begin(), readings.end(), [c](const Reading& r) { return r.word_class == c; });
}
bool WordInfo::any_person(int person) const {
  return std::any_of(readings.begin(), readings.end(), [person](const Reading& r) { return r.person == person; });
}
bool WordInfo::any_mood(Mood m) const {
  return std::any_of(readings.begin(), readings.end(), [m](const Reading& r) { return r.mood == m; });
}

// ---------------------------------------------------------------------------------------
// [SECTION] tables

namespace {

struct Tables {
  std::unordered_map<std::string, std::string> forms;  // folded form (or its stem) -> base form
  std::unordered_map<std::string, std::pair<WordClass, std::uint8_t>> classes;  // closed classes, person
  std::unordered_set<std::string> modals, directive_verbs;
};

std::string stem_with(sb_stemmer* stemmer, std::string_view word) {
  const sb_symbol* s =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  return s ? std::string(reinterpret_cast<const char*>(s), static_cast<std::size_t>(sb_stemmer_length(stemmer)))
           : std::string(word);
}

void read_string_list(const JsonDoc& doc, const Json& list, const std::string& path,
                      const std::function<void(const std::string&)>& add, Diagnostics& out) {
  if (!list.is_array()) return out.push_back(doc.diag(path, "must be a list of words"));
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string() || list[i].get<std::string>().empty())
      out.push_back(doc.diag(element_path(path, i), "must be a non-empty string"));
    else add(list[i].get<std::string>());
  }
}

// Reads `chatdrill.wordforms/1`: {"forms": {"takas": "takaisin"}, "classes": {"pronoun1": [...],
// "pronoun2", "pronoun3", "negation", "conjunction", "modal", "directive_verb"}}.
Tables read_tables(const std::string& file, Language language, sb_stemmer* stemmer) {
  Tables t;
  auto parsed = parse_json_file(file);
  if (!parsed.doc) throw std::runtime_error(parsed.error->to_string());
  const JsonDoc& doc = *parsed.doc;
  Diagnostics out;
  const Json& root = doc.root;
  if (!root.is_object() || root.value("format", "") != k_wordforms_format)
    out.push_back(doc.diag("format", fmt::format("\"format\" must be \"{}\"", k_wordforms_format)));
  else if (root.value("language", "") != language_code(language))
    out.push_back(doc.diag("language", fmt::format("\"language\" must be \"{}\"", language_code(language))));
  else {
    auto fold = [](const std::string& s) {
      std::string f;
      detail::fold_append(s, f);
      return f;
    };
    if (root.contains("forms")) {
      if (!root["forms"].is_object()) out.push_back(doc.diag("forms", "must be an object of form -> base form"));
      else
        for (const auto& [form, base] : root["forms"].items()) {
          if (!form.empty() && form[0] == '_') continue;
          if (!base.is_string() || base.get<std::string>().empty()) {
            out.push_back(doc.diag(member_path("forms", form), "must be a base form (a non-empty string)"));
            continue;
          }
          const std::string f = fold(form), b = fold(base.get<std::string>());
          t.forms.emplace(f, b);
          t.forms.emplace(stem_with(stemmer, f), b);  // inflected chat forms: "meilin", "meiliin"
        }
    }
    static const std::map<std::string, std::pair<WordClass, std::uint8_t>> k_class_names = {
        {"pronoun1", {WordClass::pronoun, 1}},        {"pronoun2", {WordClass::pronoun, 2}},
        {"pronoun3", {WordClass::pronoun, 3}},        {"negation", {WordClass::negation, 0}},
        {"conjunction", {WordClass::conjunction, 0}}, {"function_word", {WordClass::adposition, 0}}};
    if (root.contains("classes")) {
      if (!root["classes"].is_object()) out.push_back(doc.diag("classes", "must be an object of class -> words"));
      else
        for (const auto& [name, list] : root["classes"].items()) {
          const std::string path = member_path("classes", name);
          if (!name.empty() && name[0] == '_') continue;
          if (name == "modal")
            read_string_list(
                doc, list, path, [&](const std::string& w) { t.modals.insert(fold(w)); }, out);
          else if (name == "directive_verb")
            read_string_list(
                doc, list, path, [&](const std::string& w) { t.directive_verbs.insert(stem_with(stemmer, fold(w))); },
                out);
          else if (auto it = k_class_names.find(name); it != k_class_names.end())
            read_string_list(
                doc, list, path, [&](const std::string& w) { t.classes.emplace(fold(w), it->second); }, out);
          else
            out.push_back(doc.diag(path, fmt::format("unknown class \"{}\" (pronoun1, pronoun2, pronoun3, negation, "
                                                     "conjunction, modal, directive_verb)",
                                                     name)));
        }
    }
  }
  throw_if_errors(out);
  return t;
}

// ---------------------------------------------------------------------------------------
// [SECTION] voikko

std::string attr(voikko_mor_analysis* a, const char* key) {
  char* v = voikko_mor_analysis_value_cstr(a, key);
  if (!v) return {};
  std::string s(v);
  voikko_free_mor_analysis_value_cstr(v);
  return s;
}

WordClass class_of(const std::string& c) {
  static const std::map<std::string, WordClass> k = {{"nimisana", WordClass::noun},
                                                     {"laatusana", WordClass::adjective},
                                                     {"nimisana_laatusana", WordClass::adjective},
                                                     {"teonsana", WordClass::verb},
                                                     {"seikkasana", WordClass::adverb},
                                                     {"asemosana", WordClass::pronoun},
                                                     {"lukusana", WordClass::numeral},
                                                     {"sidesana", WordClass::conjunction},
                                                     {"suhdesana", WordClass::adposition},
                                                     {"huudahdussana", WordClass::interjection},
                                                     {"kieltosana", WordClass::negation},
                                                     {"etunimi", WordClass::name},
                                                     {"sukunimi", WordClass::name},
                                                     {"paikannimi", WordClass::name},
                                                     {"nimi", WordClass::name},
                                                     {"lyhenne", WordClass::abbreviation}};
  auto it = k.find(c);
  return it == k.end() ? WordClass::other : it->second;
}

Mood mood_of(const std::string& m) {
  if (m == "indicative") return Mood::indicative;
  if (m == "imperative") return Mood::imperative;
  if (m == "conditional") return Mood::conditional;
  if (m == "potential") return Mood::potential;
  if (m.find("infinitive") != std::string::npos) return Mood::infinitive;
  return Mood::none;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Byte offset of the `chars`-th code point of `s` (s.size() if beyond).
std::size_t utf8_offset(std::string_view s, std::size_t chars) {
  std::size_t i = 0;
  while (i < s.size() && chars > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --chars;
  }
  return i;
}

// The verb a participle comes from: WORDBASES "+lykä(lykätä)+t+ty(+ty)" -> "lykätä".
std::string participle_verb(const std::string& wordbases) {
  const auto open = wordbases.find('(');
  const auto close = wordbases.find(')', open);
  if (open == std::string::npos || close == std::string::npos || close == open + 1) return {};
  std::string base = wordbases.substr(open + 1, close - open - 1);
  return base[0] == '+' ? std::string() : base;
}

// Compound parts: STRUCTURE marks part boundaries ('=') over the written word; all parts
// but the last are read off the word, the last is the rest of BASEFORM.
std::vector<std::string> compound_segments(std::string_view folded, const std::string& structure,
                                           const std::string& baseform) {
  std::vector<std::size_t> starts;  // code point index where each part starts
  std::size_t chars = 0;
  for (char c : structure) {
    if (c == '=') starts.push_back(chars);
    else ++chars;
  }
  if (starts.size() < 2) return {};
  std::vector<std::string> parts;
  std::size_t prefix_bytes = 0;
  for (std::size_t k = 0; k + 1 < starts.size(); ++k) {
    const std::size_t from = utf8_offset(folded, starts[k]), to = utf8_offset(folded, starts[k + 1]);
    if (to <= from || to > folded.size()) return {};
    parts.emplace_back(folded.substr(from, to - from));
    prefix_bytes = to;
  }
  if (baseform.size() <= prefix_bytes || baseform.compare(0, prefix_bytes, folded.substr(0, prefix_bytes)) != 0)
    return {};
  parts.push_back(baseform.substr(prefix_bytes));
  for (const auto& p : parts)
    if (utf8_length(p) < 2) return {};
  return parts;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// [SECTION] analyze

struct Morphology::Impl {
  Language language;
  Tables tables;
  mutable std::mutex mutex;  // guards voikko and stemmer
  VoikkoHandle* voikko = nullptr;
  Hunhandle* hunspell = nullptr;  // English: which words are dictionary words (not typos)
  sb_stemmer* stemmer = nullptr;

  ~Impl() {
    if (voikko) voikkoTerminate(voikko);
    if (hunspell) Hunspell_destroy(hunspell);
    if (stemmer) sb_stemmer_delete(stemmer);
  }

  // Voikko's readings of a folded word (lock held).
  std::vector<Reading> voikko_readings(std::string_view folded, bool with_parts) const {
    std::vector<Reading> out;
    if (!voikko) return out;
    const std::string word(folded);
    voikko_mor_analysis** list = voikkoAnalyzeWordCstr(voikko, word.c_str());
    if (!list) return out;
    for (voikko_mor_analysis** a = list; *a; ++a) {
      Reading r;
      std::string base = attr(*a, "BASEFORM");
      std::string folded_base;
      detail::fold_append(base, folded_base);
      r.lemma = folded_base;
      r.word_class = class_of(attr(*a, "CLASS"));
      r.grammatical_case = attr(*a, "SIJAMUOTO");
      const std::string person = attr(*a, "PERSON");
      r.person = person.empty() ? 0 : static_cast<std::uint8_t>(person[0] - '0');
      r.plural = attr(*a, "NUMBER") == "plural";
      const std::string mood = attr(*a, "MOOD");
      r.mood = mood_of(mood);
      const std::string participle = attr(*a, "PARTICIPLE");
      if (!participle.empty()) r.mood = Mood::participle;
      const std::string tense = attr(*a, "TENSE");
      r.tense = tense == "present_simple" ? Tense::present : tense == "past_imperfective" ? Tense::past : Tense::none;
      r.negative = r.word_class == WordClass::negation;
      r.connegative = attr(*a, "NEGATIVE") == "true";
      const std::string wordbases = attr(*a, "WORDBASES");
      if (!participle.empty() || mood.find("MINEN") != std::string::npos) r.verb = participle_verb(wordbases);
      // A noun made from a verb ("hyvitys" <- "hyvittää", "tilaus" <- "tilata") shares its
      // meaning: "Hyvitän" answers a matcher asking for "hyvitys". Not for compounds.
      else if (r.word_class == WordClass::noun && std::count(wordbases.begin(), wordbases.end(), '(') == 2 &&
               wordbases.find("(+") != std::string::npos)
        r.verb = participle_verb(wordbases);
      if (r.verb == r.lemma) r.verb.clear();
      r.modal = tables.modals.count(r.lemma) > 0;
      if (with_parts) r.parts = compound_segments(folded, attr(*a, "STRUCTURE"), folded_base);
      out.push_back(std::move(r));
    }
    voikko_free_mor_analysis(list);
    return out;
  }

  std::uint8_t clitics(std::string_view folded, const std::vector<Reading>& readings) const {
    std::uint8_t bits = 0;
    if (readings.empty()) return bits;
    auto strip_reads_same = [&](std::size_t bytes) {
      if (folded.size() < bytes + 2) return false;
      auto shorter = voikko_readings(folded.substr(0, folded.size() - bytes), false);
      for (const auto& s : shorter)
        for (const auto& r : readings)
          if (s.lemma == r.lemma) return true;
      return false;
    };
    auto ends = [&](std::string_view suffix) { return folded.ends_with(suffix); };
    if ((ends("ko") || ends("kö")) && strip_reads_same(ends("ko") ? 2 : 3)) bits |= k_clitic_ko;
    if ((ends("han") || ends("hän")) && strip_reads_same(ends("han") ? 3 : 4)) bits |= k_clitic_han;
    if ((ends("pa") || ends("pä")) && strip_reads_same(ends("pa") ? 2 : 3)) bits |= k_clitic_pa;
    if ((ends("kin")) && strip_reads_same(3)) bits |= k_clitic_kin;
    if ((ends("kaan") || ends("kään")) && strip_reads_same(ends("kaan") ? 4 : 5)) bits |= k_clitic_kaan;
    return bits;
  }

  // Readings from the tables: a closed class, or a colloquial/irregular form's base.
  // `exact_only`: only the word as written is looked up (an English dictionary word is no
  // chat form of another: "range" is not "rang", the past of "ring").
  void table_readings(std::string_view folded, std::string_view stem, WordInfo& info, bool exact_only = false) const {
    const std::string key(folded);
    if (auto it = tables.classes.find(key); it != tables.classes.end()) {
      Reading r;
      r.lemma = key;
      r.word_class = it->second.first;
      r.person = it->second.second;
      r.negative = r.word_class == WordClass::negation;
      info.readings.push_back(std::move(r));
      info.known = true;
    }
    auto form = tables.forms.find(key);
    if (form == tables.forms.end() && folded.size() > 3 && !exact_only) form = tables.forms.find(std::string(stem));
    // An inflected chat form: the table's form plus a short ending ("meili" + "in").
    for (std::size_t len = folded.size() - 1;
         form == tables.forms.end() && !exact_only && len >= 4 && len + 4 >= folded.size(); --len)
      form = tables.forms.find(key.substr(0, len));
    if (form == tables.forms.end()) return;
    info.known = true;
    // The base form the table names is the lemma; Voikko adds its grammar when it reads the
    // base form as that lemma (its other readings of the base form are not this word's).
    const std::string lemma = language == Language::en ? stem_with(stemmer, form->second) : form->second;
    bool graded = false;
    for (auto& r : voikko_readings(form->second, true))
      if (r.lemma == lemma) info.readings.push_back(std::move(r)), graded = true;
    if (!graded) {
      Reading r;
      r.lemma = lemma;
      r.modal = tables.modals.count(form->second) > 0;
      info.readings.push_back(std::move(r));
    }
  }
};

namespace {
std::string default_wordforms_file(Language language) {
  return data_path(fmt::format("scoring/lexicons/{}-wordforms.json", language_code(language))).string();
}
}  // namespace

Morphology::Morphology(Language language, std::string wordforms_file) : impl_(std::make_unique<Impl>()) {
  impl_->language = language;
  impl_->stemmer = sb_stemmer_new(language == Language::fi ? "finnish" : "english", "UTF_8");
  if (!impl_->stemmer) throw std::runtime_error("libstemmer has no stemmer for this language");
  // A missing table (a data folder with only lexicons) leaves Voikko and Snowball; a broken
  // one is an error.
  std::error_code exists_error;
  if (!wordforms_file.empty() && std::filesystem::exists(wordforms_file, exists_error))
    impl_->tables = read_tables(wordforms_file, language, impl_->stemmer);
  if (language == Language::fi) {
    const char* error = nullptr;
    impl_->voikko = voikkoInit(&error, "fi", nullptr);  // nullptr: Voikko data missing, Snowball only
  } else {
    const std::filesystem::path dir = "/usr/share/hunspell";
    std::error_code ec;
    if (std::filesystem::exists(dir / "en_US.dic", ec))
      impl_->hunspell = Hunspell_create((dir / "en_US.aff").c_str(), (dir / "en_US.dic").c_str());
  }
}

Morphology::~Morphology() = default;

std::shared_ptr<const Morphology> Morphology::get(Language language) {
  static std::mutex mutex;
  static std::map<Language, std::shared_ptr<const Morphology>> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(language); it != cache.end()) return it->second;
  auto m = std::make_shared<const Morphology>(language, default_wordforms_file(language));
  cache[language] = m;
  return m;
}

Language Morphology::language() const { return impl_->language; }
bool Morphology::voikko_available() const { return impl_->voikko != nullptr || impl_->hunspell != nullptr; }

bool Morphology::is_directive_verb(std::string_view lemma) const {
  return impl_->tables.directive_verbs.count(std::string(lemma)) > 0;
}

bool Morphology::is_chat_form(std::string_view folded) const {
  return impl_->tables.forms.count(std::string(folded)) > 0;
}

int Morphology::spell(std::string_view word) const {
  const std::string w(word);
  std::lock_guard lock(impl_->mutex);
  if (impl_->voikko) return voikkoSpellCstr(impl_->voikko, w.c_str()) == VOIKKO_SPELL_OK ? 1 : 0;
  if (impl_->hunspell) return Hunspell_spell(impl_->hunspell, w.c_str()) != 0 ? 1 : 0;
  return -1;
}

WordInfo Morphology::analyze(std::string_view folded, std::string_view stem) const {
  WordInfo info;
  info.stem = stem;
  info.is_number = !folded.empty() && std::all_of(folded.begin(), folded.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '-';
  });
  if (folded.empty()) return info;
  {
    std::lock_guard lock(impl_->mutex);
    if (!info.is_number) {
      info.readings = impl_->voikko_readings(folded, true);
      info.known = !info.readings.empty();
      if (info.known) info.clitics = impl_->clitics(folded, info.readings);
      // A closed-class entry is kept beside Voikko's readings (it adds person and class
      // for words Voikko does not tag, such as English pronouns); colloquial forms only
      // when Voikko does not know the word.
      // A form the table names is read as the table says (Voikko may know an odd reading:
      // "takas" as a conditional of "taata"); other table forms only for unknown words.
      if (impl_->tables.forms.count(std::string(folded))) {
        WordInfo table;
        impl_->table_readings(folded, stem, table);
        info.readings.insert(info.readings.begin(), table.readings.begin(), table.readings.end());
        info.known = true;
      } else if (!info.known) {
        const bool dictionary_word = impl_->language == Language::en && impl_->hunspell &&
                                     Hunspell_spell(impl_->hunspell, std::string(folded).c_str()) != 0;
        impl_->table_readings(folded, stem, info, dictionary_word);
      } else if (impl_->tables.classes.count(std::string(folded))) {
        WordInfo extra;
        impl_->table_readings(folded, stem, extra);
        for (auto& r : extra.readings)
          if (r.word_class != WordClass::unknown) info.readings.push_back(std::move(r));
      }
    }
  }
  if (impl_->language == Language::en && !info.is_number && !info.known && impl_->hunspell) {
    std::lock_guard lock(impl_->mutex);
    info.known = Hunspell_spell(impl_->hunspell, std::string(folded).c_str()) != 0;
  }
  if (impl_->language == Language::en && !info.is_number) {
    // English: "n't" forms are negations of their verb ("don't" -> do + not).
    if (folded.size() > 3 && folded.ends_with("n't")) {
      // "can't" is "can" + "not": a phrase written "not see" matches "can't see".
      for (std::string lemma : {std::string(folded), std::string("not")}) {
        Reading r;
        r.lemma = lemma;
        r.word_class = WordClass::negation;
        r.negative = true;
        r.modal = true;
        info.readings.push_back(std::move(r));
      }
      info.known = true;
    }
  }
  if (info.readings.empty()) {
    Reading r;
    r.lemma = impl_->language == Language::en || !info.is_number ? std::string(stem) : std::string(folded);
    if (info.is_number) r.word_class = WordClass::numeral, r.lemma = std::string(folded);
    r.modal = impl_->tables.modals.count(std::string(folded)) > 0;
    info.readings.push_back(std::move(r));
  }
  for (const auto& r : info.readings) {
    if (!r.lemma.empty() && !info.has_lemma(r.lemma)) info.lemmas.push_back(r.lemma);
    if (!r.verb.empty() && !info.has_lemma(r.verb)) info.lemmas.push_back(r.verb);
    if (info.parts.empty() && r.parts.size() >= 2) info.parts = r.parts;
    info.negation = info.negation || r.word_class == WordClass::negation;
  }
  if (impl_->language == Language::en && !info.has_lemma(stem)) info.lemmas.push_back(std::string(stem));
  if (!info.parts.empty() && impl_->voikko) {
    // Parts as written ("kuluttajan") become lemmas ("kuluttaja"); the last is one already.
    std::lock_guard lock(impl_->mutex);
    for (std::size_t k = 0; k + 1 < info.parts.size(); ++k) {
      auto rs = impl_->voikko_readings(info.parts[k], false);
      if (!rs.empty()) info.parts[k] = rs.front().lemma;
    }
  }
  return info;
}

}  // namespace chatdrill::scoring
