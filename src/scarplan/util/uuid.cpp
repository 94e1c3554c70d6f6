#include <scarplan/util/uuid.hpp>

#include <uuid/uuid.h>

namespace scarplan {

std::string
name_based_uuid(std::string_view name)
{
  // A random UUID drawn once for scarplan. Never change it: every exported UID would change.
  static const uuid_t k_namespace = {0x2b,
                                     0x6f,
                                     0x8c,
                                     0x51,
                                     0x1d,
                                     0x3e,
                                     0x5a,
                                     0x47,
                                     0x9c,
                                     0x0e,
                                     0x6a,
                                     0x41,
                                     0x77,
                                     0xd2,
                                     0x18,
                                     0xe3};
  uuid_t out;
  uuid_generate_sha1(out, k_namespace, name.data(), name.size());
  char text[37];
  uuid_unparse_lower(out, text);
  return text;
}

} // namespace scarplan
