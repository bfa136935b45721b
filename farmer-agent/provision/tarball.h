#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "chain/bytes.h"
#include "chain/status.h"

namespace tfchain::agent {

// BLAKE2b-256 of the bytes of file `path`, read in chunks. Errors: "image-not-found"
// (NotFound), "image-read-failed" (IoError). Thread-safe.
chain::Result<chain::Hash256> HashFile(const std::string& path);

// Checks that the local file `image` hashes to `expected`. Errors: HashFile's,
// "image-hash-mismatch" (InvalidArgument, the detail names both hashes). Thread-safe.
chain::Status VerifyImage(const std::string& image, const chain::Hash256& expected);

// True for "http://..." and "https://..." images.
bool IsImageUrl(std::string_view image);

// Downloads the http(s) URL `url` to the file `dest_path` (overwritten) and verifies its
// hash. On any failure `dest_path` is removed. Errors: "image-url-unsupported" (not an
// http(s) URL, or no host), "image-fetch-failed" (IoError: connection, HTTP status other than
// 200, writing the file, more than kMaxImageBytes), "image-hash-mismatch". Thread-safe
// (distinct dest_paths).
chain::Status FetchImage(const std::string& url, const chain::Hash256& expected,
                         const std::string& dest_path);

// The largest image FetchImage accepts.
inline constexpr uint64_t kMaxImageBytes = 8ull << 30;

// Unpacks tarball `image` (.tar, .tar.gz: `tar -xf` detects the compression) into the
// existing directory `dest_dir`. Error "image-unpack-failed" (the detail has tar's stderr);
// `dest_dir` may then hold part of the image and the caller removes it. Thread-safe.
chain::Status UnpackTarball(const std::string& image, const std::string& dest_dir);

}  // namespace tfchain::agent
