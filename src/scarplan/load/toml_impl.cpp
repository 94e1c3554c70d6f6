// toml++'s implementation, compiled once into scarplan with the settings CMakeLists.txt gives
// every translation unit (floats parsed with std::from_chars; no formatters).
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
