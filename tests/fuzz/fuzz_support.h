// Shared by the libFuzzer harnesses: the input as text. Each harness feeds one reader the
// bytes as they would arrive in a file and asks only that it returns (no crash, no leak,
// no undefined behaviour, bounded time): every result, valid or not, is fine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace chatdrill::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

}  // namespace chatdrill::fuzz
