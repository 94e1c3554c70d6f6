#pragma once

#include <string>
#include <string_view>

namespace scarplan {

// A name-based (version 5, SHA-1) UUID in the scarplan namespace: the same name always gives
// the same UUID, and the UUID reveals nothing of the name.
std::string name_based_uuid(std::string_view name);

} // namespace scarplan
