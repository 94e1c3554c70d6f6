#include <scarplan/util/uuid.hpp>

#include <uuid/uuid.h>

#include <nettle/sha1.h>

#include <cstring>

namespace scarplan {

// A random UUID drawn once for scarplan. Never change it: every exported UID would change.
const UuidBytes k_uuid_namespace = {
    0x2b, 0x6f, 0x8c, 0x51, 0x1d, 0x3e, 0x5a, 0x47, 0x9c, 0x0e, 0x6a, 0x41, 0x77, 0xd2, 0x18, 0xe3};

UuidText
name_based_uuid(std::string_view name)
{
  // RFC 4122 §4.3 by hand over nettle's SHA-1 rather than libuuid's uuid_generate_sha1, whose
  // portable SHA-1 was an eighth of an iCal batch (perf): nettle uses the CPU's SHA
  // instructions where it has them. The unit test holds the two to the same bytes.
  sha1_ctx context;
  sha1_init(&context);
  sha1_update(&context, k_uuid_namespace.size(), k_uuid_namespace.data());
  sha1_update(&context, name.size(), reinterpret_cast<const std::uint8_t*>(name.data()));
  std::uint8_t digest[SHA1_DIGEST_SIZE];
  sha1_digest(&context, sizeof digest, digest);
  uuid_t out;
  std::memcpy(out, digest, sizeof out);
  out[6] = static_cast<std::uint8_t>((out[6] & 0x0f) | 0x50); // version 5
  out[8] = static_cast<std::uint8_t>((out[8] & 0x3f) | 0x80); // the RFC 4122 variant
  char text[37];
  uuid_unparse_lower(out, text);
  UuidText result;
  std::memcpy(result.data(), text, result.size());
  return result;
}

} // namespace scarplan
