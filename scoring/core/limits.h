// The limits every chatdrill file lives within, stated once. Readers refuse what exceeds
// them with a message naming the limit; writers refuse to write what no reader accepts, so
// whatever lands in a scenario or results folder is read in bounded time and memory.
// Chosen far above any real file (the bundled ones: 20 KB, depth 9, 167 keys, 8 nodes).
#pragma once

#include <cstddef>

namespace chatdrill::scoring {

// Any file chatdrill reads or writes: scenario, transcript, result, exercise, journal.
inline constexpr std::size_t k_max_file_bytes = std::size_t{16} * 1024 * 1024;
inline constexpr const char* k_max_file_text = "16 MiB";
// Lists and objects inside each other.
inline constexpr int k_max_depth = 64;
// One JSON string (a key or a value), in bytes after decoding escapes.
inline constexpr std::size_t k_max_string_bytes = std::size_t{1024} * 1024;
inline constexpr const char* k_max_string_text = "1 MiB";
// Members of one JSON object.
inline constexpr std::size_t k_max_object_keys = 100'000;
// A scenario's nodes, its intents in all, and the intents of one node (the lints compare
// a node's intents pairwise).
inline constexpr std::size_t k_max_nodes = 10'000;
inline constexpr std::size_t k_max_intents = 20'000;
inline constexpr std::size_t k_max_intents_per_node = 200;
// One reply a trainee sends (the app's reply box, scripted replies of play and exercise).
inline constexpr std::size_t k_max_reply_bytes = std::size_t{16} * 1024;
inline constexpr const char* k_max_reply_text = "16 KiB";
// How long one transcript (or a play's scripted replies) may span: a mailbox thread runs
// for months; ten years is far beyond any and keeps times finite and exact to the millisecond.
inline constexpr double k_max_transcript_seconds = 10 * 365.25 * 24 * 3600.0;
inline constexpr const char* k_max_transcript_span_text = "10 years";
// "Did you mean" hints compare words up to this length (longer ones are no typo).
inline constexpr std::size_t k_max_hint_word = 64;

}  // namespace chatdrill::scoring
