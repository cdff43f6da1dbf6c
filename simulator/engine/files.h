// Durable file writes: whole files are written atomically (temp file in the same folder,
// fsync, rename), so a crash leaves either the old or the new file, never half of one.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chatdrill::engine {

// Returns an empty string on success, else a message naming the file and the reason.
std::string write_file_atomic(const std::string& path, std::string_view content);

// Writes many files into `dir` at once, each atomically (temp file, rename), with one flush
// of the file system for all of them: thousands of files in seconds, not minutes. Stops at
// the first failure (files already renamed stay; the rest are not written). Empty string
// on success, else the message.
std::string write_files_atomic(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files);

// A temp file of write_file_atomic: ".<name>.<pid>.<8 hex digits>.tmp".
bool is_atomic_temp_name(std::string_view file_name);

// How old a temp file must be, against the folder's own clock, before it counts as left
// behind by a writer killed mid-write (a real write takes seconds).
inline constexpr std::chrono::minutes k_stale_temp_age{10};

// Removes the temp files in `dir` older than `now` - k_stale_temp_age, where `now` is a
// time of the file system holding `dir` (a fresh file's mtime, the folder's mtime), never
// this machine's clock: folders are shared between machines whose clocks differ.
void remove_stale_temp_files(const std::string& dir, std::filesystem::file_time_type now);

// Creates the folder and its parents; empty string on success, else the reason.
std::string ensure_directory(const std::string& path);

}  // namespace chatdrill::engine
