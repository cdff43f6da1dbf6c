// Atomic writes; see files.h.
#include "files.h"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace chatdrill::engine {

std::string ensure_directory(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return fmt::format("{}: cannot create folder: {}", path, ec.message());
  return {};
}

bool is_atomic_temp_name(std::string_view name) {
  // ".<target>.<pid>.<hex8>.tmp": check from the end, the target may hold dots.
  constexpr std::string_view suffix = ".tmp";
  if (name.size() < 1 + 1 + 1 + 1 + 1 + 8 + suffix.size() || name[0] != '.' ||
      name.substr(name.size() - suffix.size()) != suffix)
    return false;
  std::string_view rest = name.substr(0, name.size() - suffix.size());
  auto all_of = [](std::string_view s, auto pred) {
    for (char c : s)
      if (!pred(c)) return false;
    return !s.empty();
  };
  const auto hex_dot = rest.rfind('.');
  if (hex_dot == std::string_view::npos || rest.size() - hex_dot - 1 != 8 ||
      !all_of(rest.substr(hex_dot + 1), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }))
    return false;
  rest = rest.substr(0, hex_dot);
  const auto pid_dot = rest.rfind('.');
  return pid_dot != std::string_view::npos && pid_dot > 1 &&
         all_of(rest.substr(pid_dot + 1), [](char c) { return c >= '0' && c <= '9'; });
}

void remove_stale_temp_files(const std::string& dir, std::filesystem::file_time_type now) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!is_atomic_temp_name(it->path().filename().string())) continue;
    std::error_code entry_ec;
    if (!it->is_regular_file(entry_ec) || it->is_symlink(entry_ec)) continue;
    const auto written = fs::last_write_time(it->path(), entry_ec);
    if (!entry_ec && written < now - k_stale_temp_age) fs::remove(it->path(), entry_ec);
  }
}

namespace {

// Writes `content` to a fresh temp file beside `path`, synced to disk when `sync`; its name,
// or an error message in `error`. `mtime`: the new file's modification time (the file
// system's "now"), when it could be read.
std::string write_temp(const std::string& path, std::string_view content, std::string& error, bool sync,
                       std::optional<struct timespec>* mtime = nullptr) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Unique per process and call, so concurrent writers on a shared folder never share a temp file.
  std::random_device rd;
  const std::string tmp =
      (dir / fmt::format(".{}.{}.{:08x}.tmp", target.filename().string(), ::getpid(), rd())).string();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = fmt::format("{}: cannot write: {}", path, std::strerror(errno));
    return {};
  }
  for (std::size_t done = 0; done < content.size();) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      error = fmt::format("{}: cannot write: {}", path, std::strerror(errno));
      ::close(fd);
      ::unlink(tmp.c_str());
      return {};
    }
    done += static_cast<std::size_t>(n);
  }
  if (mtime) {
    struct stat st {};
    if (::fstat(fd, &st) == 0) *mtime = st.st_mtim;
  }
  if ((sync && ::fsync(fd) != 0) || ::close(fd) != 0) {
    error = fmt::format("{}: cannot save: {}", path, std::strerror(errno));
    ::unlink(tmp.c_str());
    return {};
  }
  return tmp;
}

}  // namespace

std::string write_file_atomic(const std::string& path, std::string_view content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string error;
  std::optional<struct timespec> mtime;
  const std::string tmp = write_temp(path, content, error, true, &mtime);
  if (tmp.empty()) return error;
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return fmt::format("{}: cannot replace: {}", path, why);
  }
  // Make the rename itself durable.
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  // The file system's "now" (our fresh temp file's mtime) dates other writers' temp files.
  if (mtime) {
    const auto since_epoch = std::chrono::seconds(mtime->tv_sec) + std::chrono::nanoseconds(mtime->tv_nsec);
    const auto now = fs::file_time_type::clock::from_sys(std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(since_epoch)));
    remove_stale_temp_files(dir.string(), now);
  }
  return {};
}

std::string write_files_atomic(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::string> temps;
  std::string error;
  const auto clean_up = [&] {
    for (const auto& t : temps) ::unlink(t.c_str());
    return error;
  };
  for (const auto& [name, content] : files) {
    std::string tmp = write_temp((std::filesystem::path(dir) / name).string(), content, error, false);
    if (tmp.empty()) return clean_up();
    temps.push_back(std::move(tmp));
  }
  // One flush of the whole file system instead of one per file (thousands of files).
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd < 0 || ::syncfs(dfd) != 0) {
    error = fmt::format("{}: cannot save: {}", dir, std::strerror(errno));
    if (dfd >= 0) ::close(dfd);
    return clean_up();
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string path = (std::filesystem::path(dir) / files[i].first).string();
    if (::rename(temps[i].c_str(), path.c_str()) != 0) {
      error = fmt::format("{}: cannot replace: {}", path, std::strerror(errno));
      temps.erase(temps.begin(), temps.begin() + static_cast<std::ptrdiff_t>(i));  // the renamed ones are done
      ::close(dfd);
      return clean_up();
    }
  }
  ::fsync(dfd);  // make the renames durable
  ::close(dfd);
  return {};
}

}  // namespace chatdrill::engine
