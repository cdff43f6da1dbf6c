// Durable file writes: whole files are written atomically (temp file in the same folder,
// fsync, rename), so a crash leaves either the old or the new file, never half of one.
#pragma once

#include <string>
#include <string_view>

namespace chatdrill::engine {

// Returns an empty string on success, else a message naming the file and the reason.
std::string write_file_atomic(const std::string& path, std::string_view content);

// Creates the folder and its parents; empty string on success, else the reason.
std::string ensure_directory(const std::string& path);

}  // namespace chatdrill::engine
