// Clauses and moves: the steps of analysis after words and concepts. A clause is a
// sentence cut at punctuation and conjunctions; a move is what a reply does to the
// conversation (hold, check-in, channel bounce, blame ...), found from concepts and the
// words' grammar (person, mood, negation). Internal to scoring/; callers read Analysis.
#pragma once

#include <string_view>

#include "scoring/text.h"

namespace chatdrill::scoring::detail {

// Fills a.clauses and each token's clause; needs a.sentences and a.words.
void split_clauses(std::string_view text, Language language, Analysis& a);

// Fills a.moves from a.concepts, a.markers, a.words and a.clauses.
void detect_moves(Language language, const Morphology& morphology, Analysis& a);

}  // namespace chatdrill::scoring::detail
