#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace scarplan {

using UuidBytes = std::array<std::uint8_t, 16>;
extern const UuidBytes k_uuid_namespace; // scarplan's name space for name-based UUIDs

// The 36 characters of a UUID in lower case; no heap string, as an export makes one per event.
using UuidText = std::array<char, 36>;

// A name-based (version 5, SHA-1) UUID in the scarplan namespace: the same name always gives
// the same UUID, and the UUID reveals nothing of the name.
UuidText name_based_uuid(std::string_view name);

} // namespace scarplan
