// The binary format of the build's snapshots (load/snapshot.h: loaded programme folders;
// incremental/results_cache.h: what checking and computing them found): cereal's binary archive (Debian's
// libcereal-dev), read straight from memory, inside a header that names the format, the key
// the snapshot was made under and a checksum of the payload. A snapshot of another key or
// format, or a damaged one, is not used.
#pragma once
#include <cereal/archives/binary.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <xxhash.h>

#include <cstdint>
#include <cstring>
#include <functional>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <string_view>

#include "diag/diagnostics.h"

// The field lists must name every field. Adding a field to a struct changes its size, and these
// checks then fail to compile until the field is added to its list too.
#if defined(__x86_64__) && defined(__GLIBCXX__) && !defined(_GLIBCXX_DEBUG)
#define VITRINA_SNAPSHOT_SIZE(T, n) static_assert(sizeof(T) == (n), "struct " #T " changed: update its snapshot field list")
#else
#define VITRINA_SNAPSHOT_SIZE(T, n) static_assert(true)
#endif

namespace vitrina {

// Reads what cereal's BinaryOutputArchive wrote, straight from the bytes in memory. Its own
// BinaryInputArchive reads through a std::istream, a call into the stream buffer for every
// field: about a third of decoding a snapshot, where a rebuild at N = 300 decodes 299.
class MemoryInputArchive : public cereal::InputArchive<MemoryInputArchive, cereal::AllowEmptyClassElision> {
 public:
  explicit MemoryInputArchive(std::string_view bytes)
      : InputArchive(this), at_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  // The next `n` bytes, which the caller consumes.
  const char* take(size_t n) {
    if (static_cast<size_t>(end_ - at_) < n) throw cereal::Exception("snapshot cut short");
    const char* at = at_;
    at_ += n;
    return at;
  }
  void read(void* data, size_t n) {
    const char* from = take(n);
    if (n) std::memcpy(data, from, n);  // an empty string or list: its data() may be null, which memcpy must not get
  }
  // A string as cereal writes it (its size, then its bytes), seen where it lies.
  std::string_view text() {
    cereal::size_type n;
    std::memcpy(&n, take(sizeof n), sizeof n);
    return {take(n), n};
  }

 private:
  const char* at_;
  const char* end_;
};

// The same encodings as cereal's binary archive (cereal finds these by the archive's type).
// Numbers and strings are copied straight into place: through read(), an 8-byte number was a
// call to memcpy, and cereal's own string loader zero-fills a string before copying over it.
template <class T>
std::enable_if_t<std::is_arithmetic_v<T>> CEREAL_LOAD_FUNCTION_NAME(MemoryInputArchive& ar, T& t) {
  std::memcpy(std::addressof(t), ar.take(sizeof t), sizeof t);
}
inline void CEREAL_LOAD_FUNCTION_NAME(MemoryInputArchive& ar, std::string& s) { s = std::string(ar.text()); }
template <class T>
void CEREAL_LOAD_FUNCTION_NAME(MemoryInputArchive& ar, cereal::BinaryData<T>& b) {
  ar.read(b.data, static_cast<size_t>(b.size));
}
template <class T>
void CEREAL_SERIALIZE_FUNCTION_NAME(MemoryInputArchive& ar, cereal::NameValuePair<T>& t) {
  ar(t.value);
}
template <class T>
void CEREAL_SERIALIZE_FUNCTION_NAME(MemoryInputArchive& ar, cereal::SizeTag<T>& t) {
  ar(t.size);
}

}  // namespace vitrina

// Enums are read as their underlying type, which cereal takes from the matching output archive.
namespace cereal::traits::detail {
template <>
struct get_output_from_input<vitrina::MemoryInputArchive> {
  using type = cereal::BinaryOutputArchive;
};
}  // namespace cereal::traits::detail

namespace vitrina {

// Every snapshot carries the diagnostics of the step it saves.
template <class A> void serialize(A& a, Diagnostic& x) {
  a(x.severity, x.file, x.line, x.column, x.message, x.pointer, x.code, x.acknowledged);
}

// The header: an 8-byte magic (format and version), the key, the payload's size and checksum.
constexpr size_t kSnapshotHeader = 8 + 3 * sizeof(uint64_t);

// XXH3 (Debian's libxxhash-dev): a rebuild checks ~130 MB of snapshots and caches, and
// std::hash (libstdc++'s Murmur-style _Hash_bytes) took a fifth of decoding them.
inline uint64_t snapshot_checksum(std::string_view payload) { return XXH3_64bits(payload.data(), payload.size()); }

// `payload` behind its header.
inline std::string frame_snapshot(const char (&magic)[8], uint64_t key, std::string_view payload) {
  std::string out(magic, sizeof magic);
  out.reserve(kSnapshotHeader + payload.size());
  for (uint64_t v : {key, static_cast<uint64_t>(payload.size()), snapshot_checksum(payload)})
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
  out += payload;
  return out;
}

// The payload of `bytes` made by frame_snapshot with the same magic and key; false for any other.
inline bool unframe_snapshot(std::string_view bytes, const char (&magic)[8], uint64_t key, std::string_view& payload) {
  auto u64 = [&](size_t at) {
    uint64_t v;
    std::memcpy(&v, bytes.data() + at, sizeof v);
    return v;
  };
  if (bytes.size() < kSnapshotHeader || std::memcmp(bytes.data(), magic, sizeof magic) != 0) return false;
  if (u64(8) != key || u64(16) != bytes.size() - kSnapshotHeader) return false;
  payload = bytes.substr(kSnapshotHeader);
  return u64(24) == snapshot_checksum(payload);
}

// Appends what is written through it to a string. Through a std::ostringstream a payload was
// held twice more while it was framed: its buffer grown by doubling, and the frame's copy (the
// build cache is ~18 MB at N = 1000, written at the end of the build).
class AppendBuffer : public std::streambuf {
 public:
  explicit AppendBuffer(std::string& out) : out_(out) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_.append(s, static_cast<size_t>(n));
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) out_ += traits_type::to_char_type(c);
    return traits_type::not_eof(c);
  }

 private:
  std::string& out_;
};

// A snapshot of `parts` under `key`, framed in `out` (which the caller may have reserved);
// false (and `out` empty) when they cannot be written.
template <class... T>
bool encode_snapshot_into(std::string& out, const char (&magic)[8], uint64_t key, T&... parts) {
  out.assign(magic, sizeof magic);
  out.resize(kSnapshotHeader);
  AppendBuffer buffer(out);
  std::ostream os(&buffer);
  try {
    cereal::BinaryOutputArchive ar(os);
    ar(parts...);
  } catch (const std::exception&) {
    out.clear();
    return false;
  }
  const std::string_view payload = std::string_view(out).substr(kSnapshotHeader);
  const uint64_t fields[] = {key, static_cast<uint64_t>(payload.size()), snapshot_checksum(payload)};
  std::memcpy(out.data() + sizeof magic, fields, sizeof fields);
  return true;
}

// A snapshot of `parts` under `key` ("" when they cannot be written), and back into `parts`
// (false for another key or format, or damaged bytes; `parts` are then unspecified).
template <class... T>
std::string encode_snapshot(const char (&magic)[8], uint64_t key, T&... parts) {
  std::string out;
  encode_snapshot_into(out, magic, key, parts...);
  return out;
}
template <class... T>
bool decode_snapshot(std::string_view bytes, const char (&magic)[8], uint64_t key, T&... parts) {
  std::string_view payload;
  if (!unframe_snapshot(bytes, magic, key, payload)) return false;
  try {
    MemoryInputArchive ar(payload);
    ar(parts...);
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

}  // namespace vitrina
