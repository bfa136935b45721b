#include "farmer-agent/provision/tarball.h"

#include <filesystem>
#include <fstream>
#include <vector>

#include <httplib.h>

#include "chain/hash.h"
#include "farmer-agent/process.h"

namespace tfchain::agent {

namespace {

constexpr size_t kReadChunk = 1 << 16;

}  // namespace

bool IsImageUrl(std::string_view image) {
  return image.starts_with("http://") || image.starts_with("https://");
}

chain::Result<chain::Hash256> HashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return chain::Status::NotFound("image-not-found", path);
  chain::Blake2bHasher hasher;
  std::vector<char> buf(kReadChunk);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    std::streamsize n = in.gcount();
    if (n > 0) {
      hasher.Update(chain::ByteSpan(reinterpret_cast<const uint8_t*>(buf.data()),
                                    static_cast<size_t>(n)));
    }
  }
  if (in.bad()) return chain::Status::IoError("image-read-failed", path);
  return hasher.Final();
}

chain::Status VerifyImage(const std::string& image, const chain::Hash256& expected) {
  TF_ASSIGN_OR_RETURN(chain::Hash256 actual, HashFile(image));
  if (actual != expected) {
    return chain::Status::InvalidArgument(
        "image-hash-mismatch", image + ": expected " + expected.Hex() + ", got " + actual.Hex());
  }
  return chain::Status::Ok();
}

chain::Status FetchImage(const std::string& url, const chain::Hash256& expected,
                         const std::string& dest_path) {
  // url = scheme "://" host [":" port] [path]
  if (!IsImageUrl(url)) return chain::Status::InvalidArgument("image-url-unsupported", url);
  const size_t host_start = url.find("://") + 3;
  const size_t path_start = url.find('/', host_start);
  const std::string scheme_host = url.substr(0, path_start);
  const std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (scheme_host.size() == host_start) {
    return chain::Status::InvalidArgument("image-url-unsupported", "no host in " + url);
  }
  auto fail = [&](std::string detail) {
    std::error_code ec;
    std::filesystem::remove(dest_path, ec);
    return chain::Status::IoError("image-fetch-failed", url + ": " + detail);
  };
  std::ofstream out(dest_path, std::ios::binary | std::ios::trunc);
  if (!out) return fail("cannot write " + dest_path);
  chain::Blake2bHasher hasher;
  uint64_t received = 0;
  int http_status = 0;
  httplib::Error error = httplib::Error::Success;
  try {
    httplib::Client client(scheme_host);
    client.set_connection_timeout(std::chrono::seconds(10));
    client.set_read_timeout(std::chrono::seconds(60));
    client.set_follow_location(true);
    auto res = client.Get(
        path.c_str(),
        [&](const httplib::Response& response) {
          http_status = response.status;
          return response.status == 200;
        },
        [&](const char* data, size_t size) {
          received += size;
          if (received > kMaxImageBytes) return false;
          hasher.Update(chain::ByteSpan(reinterpret_cast<const uint8_t*>(data), size));
          out.write(data, static_cast<std::streamsize>(size));
          return static_cast<bool>(out);
        });
    error = res.error();
  } catch (const std::exception& e) {  // httplib may throw on malformed input
    return fail(e.what());
  }
  out.close();
  if (http_status != 0 && http_status != 200) return fail("HTTP " + std::to_string(http_status));
  if (received > kMaxImageBytes) return fail("larger than " + std::to_string(kMaxImageBytes));
  if (error != httplib::Error::Success) return fail(httplib::to_string(error));
  if (!out) return fail("writing " + dest_path);
  chain::Hash256 actual = hasher.Final();
  if (actual != expected) {
    std::error_code ec;
    std::filesystem::remove(dest_path, ec);
    return chain::Status::InvalidArgument(
        "image-hash-mismatch", url + ": expected " + expected.Hex() + ", got " + actual.Hex());
  }
  return chain::Status::Ok();
}

chain::Status UnpackTarball(const std::string& image, const std::string& dest_dir) {
  // GNU tar refuses absolute names and ".." members by default; --no-overwrite-dir keeps
  // the bundle's own rootfs directory metadata.
  return RunChecked({"tar", "-xf", image, "-C", dest_dir, "--no-overwrite-dir"},
                    "image-unpack-failed", std::chrono::minutes(5));
}

}  // namespace tfchain::agent
